"""Framework models: the base model, audit trail, numbering, attachments, todos, notifications."""

from .base import ZhifaModel
from .audit import AuditAction, AuditChainHead, AuditEntry
from .attachments import Attachment
from .numbering import NumberRule, NumberSequence
from .periodic import PeriodicTick, WorkerHeartbeat
from .preferences import UserTablePreference
from .versions import AccessVersion
from .workbench import (
    DeliveryChannel,
    DeliveryStatus,
    DigestRun,
    Notice,
    NoticeReceipt,
    Notification,
    NotificationDelivery,
    SmsMessage,
    SmsStatus,
    Todo,
    TodoKind,
)

__all__ = [
    "ZhifaModel",
    "AccessVersion",
    "AuditAction",
    "AuditChainHead",
    "AuditEntry",
    "Attachment",
    "NumberRule",
    "NumberSequence",
    "PeriodicTick",
    "DeliveryChannel",
    "DeliveryStatus",
    "DigestRun",
    "Notice",
    "NoticeReceipt",
    "Notification",
    "NotificationDelivery",
    "SmsMessage",
    "SmsStatus",
    "Todo",
    "TodoKind",
    "UserTablePreference",
    "WorkerHeartbeat",
]
