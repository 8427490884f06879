"""``notify`` and the delivery of its email/SMS copies (an outbox of ``NotificationDelivery`` rows).

``notify`` writes, inside the caller's transaction, one in-app ``Notification`` per recipient and
one pending delivery per external channel; after commit each delivery is handed to the
``deliver_notification`` task. A worker claims a delivery (pending → sending) so two workers never
send it twice, sends it, and marks it sent — or puts it back with a later ``next_attempt_at``.
Retries come from the task re-enqueueing itself with ``run_after`` where the task backend supports
it, and from the periodic ``retry_notification_deliveries`` sweep.

A delivery claimed by a worker that died is taken over once its lease has run out
(``zhifa.core.leases``): the outside system may or may not have received it, so it is sent again
with the same ``message_id`` fixed when the delivery was written. A delivery whose outcome is
recorded (sent, failed, skipped) is never sent again.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.tasks import task_backends
from django.utils import timezone

from .. import leases
from ..models import DeliveryStatus, Notification, NotificationDelivery
from .channels import CHANNELS
from .inbox import unread_changed

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_DELAYS = (dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=30), dt.timedelta(hours=2))
SWEEP_BATCH = 500

UNKNOWN_CHANNEL = "未知的通知渠道：{names}（可选：{choices}）"
TITLE_REQUIRED = "通知标题不能为空"
URL_NOT_LOCAL = "通知链接必须是站内地址（以 / 开头）：{url}"
NO_ADDRESS = "接收人未设置{address}"


def notify(*, recipients, title: str, body: str = "", url: str = "", channels=("inapp",)) -> list[Notification]:
    """Notify each recipient in the app and, after commit, on the other ``channels`` (email, sms).

    The in-app notification is always written. A recipient without an address on a channel gets a
    ``skipped`` delivery that says why, so that administrators can see who was not reached.
    """
    unknown = [name for name in channels if name not in CHANNELS]
    if unknown:
        raise ValueError(UNKNOWN_CHANNEL.format(names="、".join(unknown), choices="、".join(CHANNELS)))
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = TITLE_REQUIRED
    if url and not url.startswith("/"):
        errors["url"] = URL_NOT_LOCAL.format(url=url)
    if errors:
        raise ValidationError(errors)
    people = list({person.pk: person for person in recipients}.values())
    external = [CHANNELS[name] for name in dict.fromkeys(channels) if name != "inapp"]
    with transaction.atomic():
        notifications = Notification.objects.bulk_create(
            [Notification(recipient=person, title=title[:200], body=body, url=url) for person in people]
        )
        unread_changed(person.pk for person in people)
        deliveries = []
        for notification in notifications:
            for channel in external:
                address = channel.address_of(notification.recipient)
                deliveries.append(
                    NotificationDelivery(
                        notification=notification,
                        channel=channel.name,
                        address=address,
                        status=DeliveryStatus.PENDING if address else DeliveryStatus.SKIPPED,
                        message_id=new_message_id() if address else "",
                        last_error="" if address else NO_ADDRESS.format(address=channel.address_label),
                    )
                )
        NotificationDelivery.objects.bulk_create(deliveries)
        pending = [delivery.pk for delivery in deliveries if delivery.status == DeliveryStatus.PENDING]
        if pending:
            transaction.on_commit(partial(_enqueue, pending), robust=True)
    return notifications


def _enqueue(delivery_ids: list[int], run_after: dt.datetime | None = None) -> None:
    from ..tasks import deliver_notification

    job = deliver_notification.using(run_after=run_after) if run_after else deliver_notification
    for delivery_id in delivery_ids:
        job.enqueue(delivery_id=delivery_id)


def retry_delay(attempts: int) -> dt.timedelta:
    """How long to wait after the ``attempts``-th failed attempt."""
    return RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]


def new_message_id() -> str:
    """A globally unique RFC 5322 Message-ID, ``<hex@domain of the sender address>``."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("<> ") or "zhifa.localhost"
    return f"<{uuid.uuid4().hex}@{domain}>"


def _abandoned(now: dt.datetime) -> Q:
    """Deliveries left ``sending`` by a worker that died (their outcome is unknown)."""
    return Q(status=DeliveryStatus.SENDING) & leases.abandoned_claim(claimed_at="claimed_at", claimed_by="claimed_by", now=now)


def deliver(delivery_id: int) -> str:
    """Send one delivery if it is due and not held by a live worker; returns its status."""
    now = timezone.now()
    due = Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now) | _abandoned(now)
    claimed = NotificationDelivery.objects.filter(due, pk=delivery_id).update(
        status=DeliveryStatus.SENDING, claimed_at=now, claimed_by=leases.current_worker_id, attempts=F("attempts") + 1
    )
    delivery = NotificationDelivery.objects.select_related("notification").get(pk=delivery_id)
    if not claimed:
        return delivery.status
    if not delivery.message_id:  # a row written before message ids existed: fix it before the attempt
        delivery.message_id = new_message_id()
        NotificationDelivery.objects.filter(pk=delivery.pk).update(message_id=delivery.message_id)
    channel = CHANNELS[delivery.channel]
    try:
        channel.send(
            notification=delivery.notification, address=delivery.address, message_id=delivery.message_id
        )
    except Exception as exc:  # any failure of the mail server or gateway: record it and retry later
        return _record_failure(delivery, exc)
    status = DeliveryStatus.SENT if channel.transmits() else DeliveryStatus.STORED
    NotificationDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=status, sent_at=timezone.now(), last_error=""
    )
    return status


def _record_failure(delivery: NotificationDelivery, exc: Exception) -> str:
    error = f"{type(exc).__name__}: {exc}"[:500]
    if delivery.attempts >= MAX_ATTEMPTS:
        status, next_attempt_at = DeliveryStatus.FAILED, delivery.next_attempt_at
        logger.error("通知发送失败，已放弃：delivery=%s %s", delivery.pk, error)
    else:
        status, next_attempt_at = DeliveryStatus.PENDING, timezone.now() + retry_delay(delivery.attempts)
        logger.warning("通知发送失败，稍后重试：delivery=%s 第%s次 %s", delivery.pk, delivery.attempts, error)
    NotificationDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=status, last_error=error, next_attempt_at=next_attempt_at
    )
    if status == DeliveryStatus.PENDING:
        from ..tasks import deliver_notification

        if task_backends[deliver_notification.backend].supports_defer:
            _enqueue([delivery.pk], run_after=next_attempt_at)
    return status


def retry_due_deliveries() -> int:
    """Re-enqueue the deliveries that are due again, and those a dead worker left claimed."""
    now = timezone.now()
    due = list(
        NotificationDelivery.objects.filter(Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now) | _abandoned(now))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    _enqueue(due)
    return len(due)
