"""Officers: create/update with validation, the assignment check other modules call, expiry reminders.

``officer_can_be_assigned`` is THE check before an officer is made handler (承办人) of a case or an
inspection: only a certificate in the ``正常`` state and within its dates on that day qualifies
(行政处罚法第42条: 执法人员应当具有行政执法资格).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from zhifa.core.models import TodoKind
from zhifa.core.notifications import notify
from zhifa.core.services.todos import todo_complete_for, todo_create

from ..models.officers import CertificateReminder, CertificateStatus, Officer

logger = logging.getLogger(__name__)

REMINDER_DAYS = 30

REASON_OK = "执法证有效"
REASON_NO_CERTIFICATE = "“{person}”没有登记执法证，不能承办执法事项"
REASON_ACCOUNT_INACTIVE = "“{person}”的账号已停用，不能承办执法事项"
REASON_SUSPENDED = "“{person}”的执法证（{number}）已被暂扣，不能承办执法事项"
REASON_REVOKED = "“{person}”的执法证（{number}）已被吊销，不能承办执法事项"
REASON_NOT_YET_VALID = "“{person}”的执法证（{number}）自{issued:%Y年%m月%d日}起才有效"
REASON_EXPIRED = "“{person}”的执法证（{number}）已于{expires:%Y年%m月%d日}到期，不能承办执法事项"

REMINDER_TITLE = "执法证即将到期：{number}将于{expires:%Y年%m月%d日}到期，请及时办理换证"
REMINDER_MANAGER_TITLE = "{person}的执法证即将到期：{number}将于{expires:%Y年%m月%d日}到期，请督促换证"
REMINDER_BODY = (
    "{person}的执法证（证号 {number}）有效期至{expires:%Y年%m月%d日}，还有 {days} 天到期。"
    "到期后不能承办执法事项，请尽快按规定申请换发。"
)


def _person(user) -> str:
    return user.display_name or user.username


def officer_can_be_assigned(officer: Officer | None, on_date: dt.date | None = None) -> tuple[bool, str]:
    """Whether ``officer`` may be assigned enforcement work on ``on_date`` (default today), and why.

    Returns ``(True, "执法证有效")`` or ``(False, <Chinese reason naming the person>)``. ``None`` (a
    user without a certificate record) is refused; see ``user_can_be_assigned``.
    """
    if officer is None:
        return False, REASON_NO_CERTIFICATE.format(person="该人员")
    on_date = on_date or timezone.localdate()
    person, number = _person(officer.user), officer.certificate_number
    if not officer.user.is_active:
        return False, REASON_ACCOUNT_INACTIVE.format(person=person)
    if officer.status == CertificateStatus.SUSPENDED:
        return False, REASON_SUSPENDED.format(person=person, number=number)
    if officer.status == CertificateStatus.REVOKED:
        return False, REASON_REVOKED.format(person=person, number=number)
    if on_date < officer.issued_on:
        return False, REASON_NOT_YET_VALID.format(person=person, number=number, issued=officer.issued_on)
    if on_date > officer.expires_on:
        return False, REASON_EXPIRED.format(person=person, number=number, expires=officer.expires_on)
    return True, REASON_OK


def user_can_be_assigned(user, on_date: dt.date | None = None) -> tuple[bool, str]:
    """``officer_can_be_assigned`` for a user account (refused when the user has no certificate)."""
    officer = Officer.objects.select_related("user").filter(user=user).first()
    if officer is None:
        return False, REASON_NO_CERTIFICATE.format(person=_person(user))
    return officer_can_be_assigned(officer, on_date)


def valid_on(on_date: dt.date | None = None) -> Q:
    """The filter of officers who may be assigned on ``on_date``, for dropdowns and statistics."""
    on_date = on_date or timezone.localdate()
    return Q(status=CertificateStatus.ACTIVE, issued_on__lte=on_date, expires_on__gte=on_date, user__is_active=True)


@transaction.atomic
def officer_create(*, officer: Officer) -> Officer:
    """Validate and save a new officer record."""
    officer.full_clean()
    officer.save()
    return officer


@transaction.atomic
def officer_update(*, officer: Officer) -> Officer:
    """Validate and save a changed officer; a renewed or revoked certificate closes its reminder todos."""
    previous = Officer.objects.select_for_update().filter(pk=officer.pk).values("expires_on", "status").first()
    officer.full_clean()
    officer.save()
    renewed = previous is not None and officer.expires_on > previous["expires_on"]
    if renewed or officer.status == CertificateStatus.REVOKED:
        todo_complete_for(officer)
    return officer


# --- expiry reminders ------------------------------------------------------------------------


def _managers_of(officer: Officer) -> list:
    """The officer administrators told about the officer's certificate: the active users holding
    ``basedata.change_officer`` over this record (the unit administrators), in the officer's unit or, when it
    has none, in the nearest unit above (a street team's certificates reach the district bureau's administrator).
    """
    unit = officer.user.unit
    if unit is None:
        return []
    chain = [int(pk) for pk in reversed(unit.path.strip("/").split("/")) if pk] or [unit.pk]
    holders = (
        get_user_model()
        .objects.filter(is_active=True, roles__permissions__content_type__app_label="basedata",
                        roles__permissions__codename="change_officer")
        .exclude(pk=officer.user_id)
        .distinct()
    )
    records = Officer.objects.filter(pk=officer.pk)
    for unit_id in chain:
        managers = [user for user in holders.filter(unit_id=unit_id) if records.restrict(user, "change").exists()]
        if managers:
            return managers
    return []


def remind_expiring_certificates(*, on_date: dt.date | None = None, days: int = REMINDER_DAYS) -> int:
    """Remind the holders of certificates expiring within ``days`` (once per certificate validity).

    For each active certificate whose expiry date falls between ``on_date`` and ``days`` later and
    that was not reminded yet: a deadline todo (due on the expiry date) and an in-app notification for
    the officer and for the unit administrators who maintain the record (``_managers_of``). A
    ``CertificateReminder`` row written in the same transaction makes the job safe to run on
    several workers at once. Returns the number of certificates reminded.
    """
    today = on_date or timezone.localdate()
    horizon = today + dt.timedelta(days=days)
    candidates = (
        Officer.objects.filter(
            status=CertificateStatus.ACTIVE, expires_on__gte=today, expires_on__lte=horizon, user__is_active=True
        )
        .exclude(Exists(CertificateReminder.objects.filter(officer=OuterRef("pk"), expires_on=OuterRef("expires_on"))))
        .select_related("user")
        .order_by("expires_on", "pk")
    )
    reminded = 0
    for officer in candidates:
        if _remind(officer, today):
            reminded += 1
    return reminded


def _remind(officer: Officer, today: dt.date) -> bool:
    person, number, expires = _person(officer.user), officer.certificate_number, officer.expires_on
    title = REMINDER_TITLE.format(number=number, expires=expires)
    try:
        with transaction.atomic():
            CertificateReminder.objects.create(officer=officer, expires_on=expires, sent_on=today)
            url = officer.get_absolute_url()
            managers = _managers_of(officer)
            manager_title = REMINDER_MANAGER_TITLE.format(person=person, number=number, expires=expires)
            for assignee in (officer.user, *managers):
                if assignee.unit_id is not None:
                    todo_create(assignee=assignee, title=title if assignee == officer.user else manager_title,
                                url=url, kind=TodoKind.DEADLINE, due_at=expires, source=officer)
            notify(
                recipients=[officer.user, *managers],
                title=title,
                body=REMINDER_BODY.format(person=person, number=number, expires=expires, days=(expires - today).days),
                url=url,
            )
    except IntegrityError:  # another run reminded this certificate validity already
        logger.info("执法证到期提醒已由其他任务发送：officer=%s expires_on=%s", officer.pk, expires)
        return False
    return True
