"""The notification centre (站内通知): a user's own notifications, read and unread."""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .. import usercache
from ..models import Notification

UNREAD = "unread_notifications"


def inbox_for(user):
    """The user's notifications, newest first (their own messages: no data scope applies)."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user) -> int:
    """How many of the user's notifications are unread (the badge of every page).

    Kept in the process for ``ZHIFA_UNREAD_RECHECK_SECONDS`` (default 10 s): every change of a
    notification drops its recipient's count here (``unread_changed``), so the process that made
    the change shows it at once and the others within that time.
    """
    return usercache.cached_briefly(
        user, UNREAD, lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
        settings.ZHIFA_UNREAD_RECHECK_SECONDS,
    )


def unread_changed(user_pks) -> None:
    """Drop the kept unread counts of these users in this process (a count read by another request
    before the change commits is kept at most ``ZHIFA_UNREAD_RECHECK_SECONDS``)."""
    usercache.drop(user_pks, UNREAD)


def _on_change(sender, instance, **kwargs) -> None:
    unread_changed([instance.recipient_id])


def connect() -> None:
    """Drop a recipient's kept count whenever one of their notifications is saved or deleted (``CoreConfig.ready``)."""
    post_save.connect(_on_change, sender=Notification, dispatch_uid="unread-count-save")
    post_delete.connect(_on_change, sender=Notification, dispatch_uid="unread-count-delete")


def notification_mark_read(*, user, notification_id: int) -> Notification | None:
    """Mark one of the user's notifications read; None when it is not theirs."""
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, user) -> int:
    """Mark every unread notification of the user read; returns how many."""
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    unread_changed([user.pk])
    return count
