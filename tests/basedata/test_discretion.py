"""Discretion standards: review cycle, publish/supersede with change reminders, claims, adjustments, suggestion."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.basedata.test_powers import make_power
from zhifa.basedata.models.discretion import DiscretionStandard, StandardStatus
from zhifa.basedata.services import discretion as svc
from zhifa.core.models import Notification

LEVELS = [
    {"circumstance": "轻微", "penalty_kinds": ["warning"], "fine_min": None, "fine_max": None},
    {"circumstance": "一般", "penalty_kinds": ["fine"], "fine_min": Decimal("500"), "fine_max": Decimal("2000")},
    {"circumstance": "严重", "penalty_kinds": ["fine", "confiscate_gains"], "multiple_min": Decimal("1"),
     "multiple_max": Decimal("3"), "multiple_base": "gains"},
]


def draft(tree, power=None, levels=LEVELS):
    power = power or make_power(tree["district"])
    standard = DiscretionStandard(power=power, unit=tree["district"], title="占道经营处罚裁量基准")
    return svc.standard_create(standard=standard, levels=levels, user=tree["district_author"])


def published(tree, power=None):
    standard = draft(tree, power)
    svc.standard_submit(standard=standard, user=tree["district_author"])
    svc.standard_review(standard=standard, user=tree["city_reviewer"], decision="approve")
    return svc.standard_publish(standard=standard, user=tree["district_author"])


def test_reject_with_reason_then_resubmit_approve_publish(tree):
    standard = draft(tree)
    svc.standard_submit(standard=standard, user=tree["district_author"])
    assert Notification.objects.filter(recipient=tree["city_reviewer"]).count() == 1
    svc.standard_review(standard=standard, user=tree["city_reviewer"], decision="reject", reason="一般情形上限过高")
    standard.refresh_from_db()
    assert (standard.status, standard.reject_reason) == (StandardStatus.REJECTED, "一般情形上限过高")
    svc.standard_revise(standard=standard, levels=LEVELS[:2], user=tree["district_author"], reason="按意见修改")
    svc.standard_submit(standard=standard, user=tree["district_author"])
    svc.standard_review(standard=standard, user=tree["city_reviewer"], decision="approve")
    svc.standard_publish(standard=standard, user=tree["district_author"])
    standard.refresh_from_db()
    assert standard.status == StandardStatus.PUBLISHED and standard.levels.count() == 2
    actions = [e.action for e in svc.standard_history(standard)]
    assert actions == ["创建草稿", "提交审核", "退回", "修改", "提交审核", "审核通过", "发布"]


def test_only_a_reviewer_of_the_unit_above_may_review(tree):
    standard = draft(tree)
    svc.standard_submit(standard=standard, user=tree["district_author"])
    with pytest.raises(PermissionDenied):
        svc.standard_review(standard=standard, user=tree["district_reviewer"], decision="approve")
    standard.refresh_from_db()
    assert standard.status == StandardStatus.SUBMITTED


def test_reject_without_reason_is_refused(tree):
    standard = draft(tree)
    svc.standard_submit(standard=standard, user=tree["district_author"])
    with pytest.raises(ValidationError) as caught:
        svc.standard_review(standard=standard, user=tree["city_reviewer"], decision="reject", reason="")
    assert caught.value.message_dict == {"reason": [svc.MSG_REJECT_REASON]}
    standard.refresh_from_db()
    assert standard.status == StandardStatus.SUBMITTED


def test_bad_level_names_level_and_field_and_saves_nothing(tree):
    bad = [{"circumstance": "一般", "penalty_kinds": ["fine"], "fine_min": Decimal("900"), "fine_max": Decimal("100")}]
    with pytest.raises(ValidationError) as caught:
        draft(tree, levels=bad)
    assert caught.value.message_dict == {"levels[1].fine_max": ["第1阶次：罚款下限不能大于上限"]}
    assert not DiscretionStandard.objects.exists()


def test_publishing_a_new_version_supersedes_and_reminds_claiming_units(tree):
    first = published(tree)
    svc.standard_claim(standard=first, unit=tree["street"], user=tree["street_author"])
    second = svc.standard_new_version(standard=first, user=tree["district_author"])
    svc.standard_submit(standard=second, user=tree["district_author"])
    svc.standard_review(standard=second, user=tree["city_reviewer"], decision="approve")
    svc.standard_publish(standard=second, user=tree["district_author"])
    first.refresh_from_db()
    assert first.status == StandardStatus.SUPERSEDED
    assert list(second.claims.values_list("unit", flat=True)) == [tree["street"].pk]
    reminder = Notification.objects.get(recipient=tree["street_author"])
    assert reminder.title == svc.NOTICE_TITLE.format(title=second.title)
    assert "被新版本替代" in [e.action for e in svc.standard_history(second)]


def test_claim_only_by_lower_unit_and_once(tree):
    standard = published(tree)
    with pytest.raises(ValidationError):
        svc.standard_claim(standard=standard, unit=tree["city"], user=tree["city_reviewer"])
    svc.standard_claim(standard=standard, unit=tree["street"], user=tree["street_author"])
    with pytest.raises(ValidationError) as caught:
        svc.standard_claim(standard=standard, unit=tree["street"], user=tree["street_author"])
    assert caught.value.message_dict == {"unit": [svc.MSG_ALREADY_CLAIMED]}
    assert standard.claims.count() == 1


def test_adjustment_is_reviewed_by_the_district_and_then_applies_to_the_street(tree):
    standard = published(tree)
    claim = svc.standard_claim(standard=standard, unit=tree["street"], user=tree["street_author"])
    child = svc.standard_propose_adjustment(claim=claim, user=tree["street_author"], levels=LEVELS[:2])
    assert (child.parent, child.status, child.unit) == (standard, StandardStatus.DRAFT, tree["street"])
    svc.standard_submit(standard=child, user=tree["street_author"])
    with pytest.raises(PermissionDenied):
        svc.standard_review(standard=child, user=tree["city_reviewer"], decision="approve")
    svc.standard_review(standard=child, user=tree["district_reviewer"], decision="approve")
    svc.standard_publish(standard=child, user=tree["street_author"])
    suggestion = svc.suggest_penalty(power=standard.power, facts={"circumstance": "一般", "unit": tree["street"]})
    assert suggestion.standard == child
    with pytest.raises(ValidationError):
        svc.suggest_penalty(power=standard.power, facts={"circumstance": "严重", "unit": tree["street"]})


def test_suggest_penalty_and_deviation_reason(tree):
    standard = published(tree)
    ordinary = svc.suggest_penalty(power=standard.power, facts={"circumstance": "一般"})
    assert (ordinary.kinds, ordinary.fine_min, ordinary.fine_max) == (["fine"], Decimal("500"), Decimal("2000"))
    assert ordinary.basis[0].startswith("《占道经营处罚裁量基准》第1版")
    serious = svc.suggest_penalty(power=standard.power, facts={"circumstance": "严重", "gains": "1000"})
    assert (serious.fine_min, serious.fine_max) == (Decimal("1000"), Decimal("3000"))
    assert svc.check_deviation(suggestion=ordinary, decided_amount=800) is False
    with pytest.raises(ValidationError) as caught:
        svc.check_deviation(suggestion=ordinary, decided_amount=3000, reason="")
    assert "必须填写理由" in caught.value.message_dict["deviation_reason"][0]
    assert svc.check_deviation(suggestion=ordinary, decided_amount=3000, reason="涉及食品安全，社会危害大") is True


def test_detail_page_shows_levels_and_history(client, tree):
    standard = published(tree)
    client.force_login(tree["district_author"])
    page = client.get(f"/basedata/discretionstandards/{standard.pk}/").content.decode()
    assert "一般" in page and "审核通过" in page and "发布" in page


def test_every_row_the_services_write_reaches_the_audit_chain(tree):
    from zhifa.basedata.models.discretion import DiscretionClaim, DiscretionEvent, DiscretionLevel
    from zhifa.core.audit import verify_chain
    from zhifa.core.models import AuditEntry

    def audited(model, action):
        return set(AuditEntry.objects.filter(object_type=f"basedata.{model._meta.model_name}", action=action)
                   .values_list("object_id", flat=True))

    standard = draft(tree)
    first_levels = {str(pk) for pk in standard.levels.values_list("pk", flat=True)}
    assert audited(DiscretionLevel, "create") == first_levels
    svc.standard_revise(standard=standard, levels=LEVELS[:1], user=tree["district_author"], reason="精简")
    assert audited(DiscretionLevel, "delete") == first_levels
    svc.standard_submit(standard=standard, user=tree["district_author"])
    svc.standard_review(standard=standard, user=tree["city_reviewer"], decision="approve")
    svc.standard_publish(standard=standard, user=tree["district_author"])
    claim = svc.standard_claim(standard=standard, unit=tree["street"], user=tree["street_author"])

    assert audited(DiscretionLevel, "create") >= {str(pk) for pk in standard.levels.values_list("pk", flat=True)}
    assert audited(DiscretionClaim, "create") == {str(claim.pk)}
    assert audited(DiscretionEvent, "create") == {str(pk) for pk in DiscretionEvent.objects.values_list("pk", flat=True)}
    assert verify_chain().ok


def test_another_districts_standard_never_applies(tree, regions):
    from tests import factories
    from zhifa.basedata.services.discretion import MSG_NO_STANDARD

    standard = published(tree)
    futian = factories.unit("福田区城市管理和综合执法局", regions["futian"])

    assert svc.applicable_standard(standard.power, tree["street"]) == standard
    assert svc.applicable_standard(standard.power, futian) is None
    with pytest.raises(ValidationError) as caught:
        svc.suggest_penalty(power=standard.power, facts={"circumstance": "一般", "unit": futian})
    assert caught.value.message_dict == {"power": [MSG_NO_STANDARD]}
    assert "无适用的裁量基准" in MSG_NO_STANDARD


def test_a_unit_without_a_parent_is_reviewed_by_its_regions_justice_bureau(tree):
    from tests import factories
    from zhifa.core.models import Todo, TodoKind
    from zhifa.core.scoping import DataScope

    justice = factories.unit("盐田区司法局", tree["district"].region, kind="supervisory_body")
    supervisor = factories.user(justice, roles=[factories.role(
        ["basedata.view_discretionstandard", "basedata.review_discretionstandard"], DataScope.REGION)])
    city_author = factories.user(tree["city"], roles=tree["district_author"].roles.all())
    power = make_power(tree["city"])
    standard = svc.standard_create(standard=DiscretionStandard(power=power, unit=tree["city"], title="市级基准"),
                                   levels=LEVELS[:1], user=city_author)
    with pytest.raises(PermissionDenied, match="没有上级单位，所在区域也没有司法局"):
        svc.standard_submit(standard=standard, user=city_author)

    tree["city"].region = tree["district"].region  # now the district's justice bureau is the nearest one
    tree["city"].save()
    svc.standard_submit(standard=standard, user=city_author)
    todo = Todo.objects.get(assignee=supervisor)
    assert (todo.kind, todo.url, todo.done_at) == (TodoKind.APPROVAL, standard.get_absolute_url(), None)
    svc.standard_review(standard=standard, user=supervisor, decision="approve")
    todo.refresh_from_db()
    assert todo.done_at is not None
    assert DiscretionStandard.objects.get(pk=standard.pk).status == StandardStatus.APPROVED


def test_the_standard_in_force_on_the_date_of_the_facts_applies(tree):
    import datetime as dt

    from django.utils import timezone

    first = published(tree)
    DiscretionStandard.objects.filter(pk=first.pk).update(
        published_at=timezone.make_aware(dt.datetime(2026, 1, 1, 9, 0)))
    second = svc.standard_new_version(standard=first, user=tree["district_author"])
    svc.standard_submit(standard=second, user=tree["district_author"])
    svc.standard_review(standard=second, user=tree["city_reviewer"], decision="approve")
    svc.standard_publish(standard=second, user=tree["district_author"])
    power, street = first.power, tree["street"]

    assert svc.applicable_standard(power, street) == second
    assert svc.applicable_standard(power, street, dt.date(2026, 1, 2)) == first
    assert svc.applicable_standard(power, street, dt.date(2025, 12, 31)) is None
    then = svc.suggest_penalty(power=power, facts={"circumstance": "一般", "unit": street, "on": dt.date(2026, 1, 2)})
    assert then.standard == first
