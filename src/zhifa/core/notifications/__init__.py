"""Notifications (A6): in-app messages with email and SMS copies, and the daily deadline digest.

    from zhifa.core.notifications import notify
    notify(recipients=[officer], title="案件待审批", body="……", url=case.get_absolute_url(),
           channels=("inapp", "sms"))
"""

from .channels import (
    CHANNELS,
    Channel,
    EmailChannel,
    InAppChannel,
    LocalSmsGateway,
    SmsChannel,
    SmsError,
    SmsGateway,
    sms_gateway,
)
from .dispatch import deliver, notify, retry_due_deliveries

__all__ = [
    "CHANNELS",
    "Channel",
    "EmailChannel",
    "InAppChannel",
    "LocalSmsGateway",
    "SmsChannel",
    "SmsError",
    "SmsGateway",
    "deliver",
    "notify",
    "retry_due_deliveries",
    "sms_gateway",
]
