"""Notices (通知公告): a unit publishes to its own subtree; readers leave a receipt.

Who may write a notice is decided by the permission gate (``core.add_notice`` / ``change`` on the
publishing unit). Who may read a published notice is its audience: every user whose unit lies in
the publishing unit's subtree — that is the meaning of publishing, not a data-scope question.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ..models import Notice, NoticeReceipt

TITLE_REQUIRED = "通知公告的标题不能为空"
TITLE_TOO_LONG = "通知公告的标题不能超过 200 个字"
BODY_REQUIRED = "通知公告的正文不能为空"
UNIT_REQUIRED = "请选择发布单位"


def _validated(title: str, body: str) -> tuple[str, str]:
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if not title:
        errors["title"] = TITLE_REQUIRED
    elif len(title) > Notice._meta.get_field("title").max_length:
        errors["title"] = TITLE_TOO_LONG
    if not body:
        errors["body"] = BODY_REQUIRED
    if errors:
        raise ValidationError(errors)
    return title, body


@transaction.atomic
def notice_create(*, unit, title: str, body: str, pinned: bool = False, publish: bool = False) -> Notice:
    """Write a notice of ``unit``: a draft, or published at once when ``publish`` is set."""
    if unit is None:
        raise ValidationError({"unit": UNIT_REQUIRED})
    title, body = _validated(title, body)
    notice = Notice(unit=unit, title=title, body=body, pinned=pinned, published_at=timezone.now() if publish else None)
    notice.save()
    return notice


@transaction.atomic
def notice_update(*, notice: Notice, title: str, body: str, pinned: bool) -> Notice:
    """Change a notice's text; readers of a published notice see the new text (the audit keeps the old)."""
    title, body = _validated(title, body)
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    notice.title, notice.body, notice.pinned = title, body, pinned
    notice.save(update_fields=["title", "body", "pinned", "updated_at"])
    return notice


@transaction.atomic
def notice_publish(*, notice: Notice) -> Notice:
    """Publish a draft to the unit's subtree; publishing twice keeps the first publication time."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.published_at is None:
        notice.published_at = timezone.now()
        notice.save(update_fields=["published_at", "updated_at"])
    return notice


def notice_mark_read(*, notice: Notice, user) -> NoticeReceipt:
    """Record that ``user`` opened ``notice`` (once; later openings keep the first time)."""
    receipt = NoticeReceipt.objects.filter(notice=notice, user=user).first()
    if receipt is not None:
        return receipt
    try:
        with transaction.atomic():
            return NoticeReceipt.objects.create(notice=notice, user=user)
    except IntegrityError:  # opened twice at the same moment (two tabs): the other request wrote it
        return NoticeReceipt.objects.get(notice=notice, user=user)


def _ancestor_ids(unit) -> list[int]:
    return [int(pk) for pk in unit.path.strip("/").split("/") if pk]


def notices_for(user):
    """Published notices addressed to ``user`` (from their unit or any unit above), with ``is_read``."""
    if user.unit_id is None:
        return Notice.objects.none()
    return (
        Notice.objects.filter(published_at__isnull=False, unit_id__in=_ancestor_ids(user.unit))
        .select_related("unit")
        .annotate(is_read=Exists(NoticeReceipt.objects.filter(notice=OuterRef("pk"), user=user)))
    )


def notice_audience(notice: Notice):
    """The active users a notice is addressed to: everyone in the publishing unit's subtree."""
    return (
        get_user_model()
        .objects.filter(is_active=True, unit__path__startswith=notice.unit.path)
        .select_related("unit")
        .order_by("unit__path", "username")
    )


def notice_read_stats(notice: Notice) -> dict:
    """Who has read the notice and who has not yet, for its publisher."""
    receipts = list(notice.receipts.select_related("user", "user__unit").order_by("read_at"))
    read_ids = {receipt.user_id for receipt in receipts}
    unread = [person for person in notice_audience(notice) if person.pk not in read_ids]
    return {
        "receipts": receipts,
        "unread": unread,
        "read_count": len(receipts),
        "audience_count": len(receipts) + len(unread),
    }
