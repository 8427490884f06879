"""Officer records (执法人员): screens and API, the assignment check, expiry reminders."""

from __future__ import annotations

import datetime as dt
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import factories
from tests.base import (
    BulkEditTests,
    DeleteTests,
    ImportTests,
    PrimaryObjectTests,
    RestrictedChoicesTests,
    xlsx_upload,
)
from tests.basedata import people
from zhifa.basedata.models.officers import (
    MSG_DUPLICATE_CERTIFICATE,
    MSG_EXPIRY_BEFORE_ISSUE,
    CertificateReminder,
    CertificateStatus,
    Officer,
)
from zhifa.basedata.tasks import remind_expiring_certificates as reminder_task
from zhifa.basedata.services.officers import (
    REASON_ACCOUNT_INACTIVE,
    REASON_EXPIRED,
    REASON_NO_CERTIFICATE,
    REASON_NOT_YET_VALID,
    REASON_OK,
    REASON_REVOKED,
    REASON_SUSPENDED,
    _remind,
    officer_can_be_assigned,
    officer_update,
    remind_expiring_certificates,
    user_can_be_assigned,
    valid_on,
)
from zhifa.core.models import Notification, Todo, TodoKind
from zhifa.core.scoping import DataScope
from zhifa.org.choices import Sector
from zhifa.org.models import Role
from zhifa.org.roles_catalogue import sync_builtin_roles


TODAY = dt.date(2026, 6, 15)


def officer_post(obj: Officer, **changes) -> dict:
    data = {
        "user": obj.user_id, "certificate_number": obj.certificate_number,
        "categories": [c for c in obj.categories.split(",") if c], "issuing_authority": obj.issuing_authority,
        "issued_on": obj.issued_on.isoformat(), "expires_on": obj.expires_on.isoformat(), "status": obj.status,
        "note": obj.note,
    }
    data.update(changes)
    return data


class TestOfficerViews(PrimaryObjectTests, DeleteTests, BulkEditTests, ImportTests, RestrictedChoicesTests):
    model = Officer
    key_field = "certificate_number"
    extra_permissions = ("org.view_user",)
    url_prefix_api = "basedata-api"
    api_basename = "officer"
    choice_field = "user"
    edit_field = "issuing_authority"
    bulk_field = "status"
    bulk_value = CertificateStatus.SUSPENDED

    def create_data(self, city):
        return {
            "own": [people.officer(city["yantian"], number="粤440308-000001", categories="urban_management"),
                    people.officer(city["yantian"], number="粤440308-000002")],
            "other": [people.officer(city["futian"], number="粤440304-000001"),
                      people.officer(city["futian"], number="粤440304-000002")],
        }

    def create_rows(self, city, count):
        for _ in range(count):
            people.officer(city["yantian"])

    def choice_objects(self, city, data):
        return factories.user(city["yantian"]), factories.user(city["futian"])

    def form_data(self, city):
        return {
            "user": factories.user(city["yantian"]).pk, "certificate_number": "粤440308-000901",
            "categories": [Sector.URBAN_MANAGEMENT, Sector.MARKET_REGULATION], "issuing_authority": "广东省人民政府",
            "issued_on": "2024-03-01", "expires_on": "2029-02-28", "status": CertificateStatus.ACTIVE,
        }

    def invalid_form_data(self, city):
        return {**self.form_data(city), "expires_on": "2024-02-01"}, "expires_on"

    def edit_data(self, city, obj):
        return officer_post(obj, issuing_authority="深圳市人民政府")

    def bulk_edit_data(self, city):
        return {"status": CertificateStatus.SUSPENDED}

    def import_rows(self, city):
        return [
            {"用户名": factories.user(city["yantian"]).username, "执法证号": "粤440308-000801",
             "执法类别": "城市管理、市场监管", "发证日期": "2024-01-01", "有效期至": "2028-12-31", "证件状态": ""},
            {"用户名": factories.user(city["yantian"]).username, "执法证号": "粤440308-000802", "执法类别": "",
             "发证日期": "2025-05-01", "有效期至": "2030-04-30", "证件状态": "暂扣"},
        ]

    def bad_import_row(self, city):
        return {"用户名": factories.user(city["futian"]).username, "执法证号": "粤440308-000803", "执法类别": "城市管理",
                "发证日期": "2024-01-01", "有效期至": "2028-12-31", "证件状态": ""}, "用户名"

    def imported(self, row):
        return Officer.objects.get(certificate_number=row["执法证号"])


# --- the records ------------------------------------------------------------------------------


def test_import_reads_categories_and_status_by_chinese_name(client, city):
    permissions = factories.model_permissions(Officer, ["view", "add"]) + ["org.view_user"]
    client.force_login(factories.user(city["yantian"], roles=[factories.role(permissions)]))
    rows = TestOfficerViews().import_rows(city)
    preview = client.post("/basedata/officers/import/", {"file": xlsx_upload(rows)})
    client.post("/basedata/officers/import/", {"token": preview.context["token"], "_confirm": "1"})
    first, second = (Officer.objects.get(certificate_number=row["执法证号"]) for row in rows)
    assert first.categories == "urban_management,market_regulation"
    assert first.category_labels() == ["城市管理", "市场监管"]
    assert second.status == CertificateStatus.SUSPENDED


def test_import_refuses_an_unknown_category_naming_the_column(client, city):
    permissions = factories.model_permissions(Officer, ["view", "add"]) + ["org.view_user"]
    client.force_login(factories.user(city["yantian"], roles=[factories.role(permissions)]))
    row = {**TestOfficerViews().import_rows(city)[0], "执法类别": "城市管理、天文"}
    response = client.post("/basedata/officers/import/", {"file": xlsx_upload([row])})
    errors = response.context["outcome"].errors
    assert [(e.row, e.column) for e in errors] == [(2, "执法类别")]
    assert "天文" in errors[0].message
    assert not Officer.objects.exists()


def test_certificate_number_is_unique(city):
    people.officer(city["yantian"], number="粤440308-000500")
    duplicate = Officer(user=factories.user(city["yantian"]), certificate_number="粤440308-000500",
                        issued_on=dt.date(2024, 1, 1), expires_on=dt.date(2029, 1, 1))
    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    assert caught.value.message_dict["certificate_number"] == [MSG_DUPLICATE_CERTIFICATE]


def test_expiry_before_issue_is_refused_on_the_expiry_field(city):
    record = Officer(user=factories.user(city["yantian"]), certificate_number="粤440308-000501",
                     issued_on=dt.date(2024, 1, 2), expires_on=dt.date(2024, 1, 1))
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    assert caught.value.message_dict["expires_on"] == [MSG_EXPIRY_BEFORE_ISSUE]


def test_expiry_on_the_issue_day_is_accepted(city):
    record = Officer(user=factories.user(city["yantian"]), certificate_number="粤440308-000502",
                     issued_on=dt.date(2024, 1, 1), expires_on=dt.date(2024, 1, 1))
    record.full_clean()


def test_unknown_category_code_is_refused(city):
    record = Officer(user=factories.user(city["yantian"]), certificate_number="粤440308-000503",
                     categories="urban_management,astronomy", issued_on=dt.date(2024, 1, 1),
                     expires_on=dt.date(2029, 1, 1))
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    assert "astronomy" in caught.value.message_dict["categories"][0]


def test_add_form_offers_only_users_without_a_certificate(client, city):
    holder = people.officer(city["yantian"]).user
    free = factories.user(city["yantian"])
    tester = TestOfficerViews().make_tester(city, ("view", "add"))
    client.force_login(tester)
    choices = set(client.get("/basedata/officers/add/").context["form"].fields["user"].queryset)
    assert free in choices
    assert holder not in choices


def test_detail_page_tells_whether_the_officer_may_handle_work(client, city):
    record = people.officer(city["yantian"], status=CertificateStatus.SUSPENDED)
    client.force_login(TestOfficerViews().make_tester(city))
    content = client.get(record.get_absolute_url()).content.decode()
    assert "今日不可承办执法事项" in content
    assert "已被暂扣" in content


def test_api_lists_categories_and_the_assignment_check(client, city):
    record = people.officer(city["yantian"], categories="urban_management,market_regulation",
                            expires_on=dt.date(2020, 12, 31), issued_on=dt.date(2016, 1, 1))
    client.force_login(TestOfficerViews().make_tester(city))
    data = client.get(f"/api/basedata/officers/{record.pk}/").json()
    assert data["categories"] == ["urban_management", "market_regulation"]
    assert data["unit"] == city["yantian"].pk
    assert data["assignable"] is False
    assert "已于2020年12月31日到期" in data["reason"]


def test_api_creates_an_officer_from_a_category_list(client, city):
    client.force_login(TestOfficerViews().make_tester(city, ("view", "add")))
    person = factories.user(city["yantian"])
    response = client.post("/api/basedata/officers/", {
        "user": person.pk, "certificate_number": "粤440308-000777", "categories": ["market_regulation"],
        "issued_on": "2025-01-01", "expires_on": "2030-01-01",
    }, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert Officer.objects.get(user=person).categories == "market_regulation"


def test_api_refuses_expiry_before_issue_with_a_field_error(client, city):
    client.force_login(TestOfficerViews().make_tester(city, ("view", "add")))
    person = factories.user(city["yantian"])
    response = client.post("/api/basedata/officers/", {
        "user": person.pk, "certificate_number": "粤440308-000778", "issued_on": "2025-01-01",
        "expires_on": "2024-01-01",
    }, content_type="application/json")
    assert response.status_code == 400
    assert MSG_EXPIRY_BEFORE_ISSUE in str(response.json())
    assert not Officer.objects.filter(user=person).exists()


# --- may the officer be assigned? -------------------------------------------------------------


@pytest.fixture
def certificate(city):
    """Valid from 2024-01-01 to 2026-06-30 inclusive."""
    user = factories.user(city["yantian"], display_name="王执法")
    return people.officer(city["yantian"], user=user, number="粤440308-000321", issued_on=dt.date(2024, 1, 1),
                          expires_on=dt.date(2026, 6, 30))


@pytest.mark.parametrize("day", [dt.date(2024, 1, 1), dt.date(2025, 5, 5), dt.date(2026, 6, 30)])
def test_valid_certificate_may_be_assigned_from_issue_to_expiry_inclusive(certificate, day):
    assert officer_can_be_assigned(certificate, day) == (True, REASON_OK)
    assert Officer.objects.filter(valid_on(day)).get() == certificate


def test_the_day_before_issue_is_refused(certificate):
    allowed, reason = officer_can_be_assigned(certificate, dt.date(2023, 12, 31))
    assert not allowed
    assert reason == REASON_NOT_YET_VALID.format(person="王执法", number="粤440308-000321", issued=dt.date(2024, 1, 1))
    assert not Officer.objects.filter(valid_on(dt.date(2023, 12, 31))).exists()


def test_the_day_after_expiry_is_refused(certificate):
    allowed, reason = officer_can_be_assigned(certificate, dt.date(2026, 7, 1))
    assert not allowed
    assert reason == REASON_EXPIRED.format(person="王执法", number="粤440308-000321", expires=dt.date(2026, 6, 30))
    assert "2026年06月30日到期" in reason
    assert not Officer.objects.filter(valid_on(dt.date(2026, 7, 1))).exists()


@pytest.mark.parametrize(
    ("status", "template"), [(CertificateStatus.SUSPENDED, REASON_SUSPENDED), (CertificateStatus.REVOKED, REASON_REVOKED)]
)
def test_withdrawn_certificates_are_refused_within_their_dates(certificate, status, template):
    certificate.status = status
    certificate.save()
    assert officer_can_be_assigned(certificate, dt.date(2025, 1, 1)) == (
        False, template.format(person="王执法", number="粤440308-000321")
    )
    assert not Officer.objects.filter(valid_on(dt.date(2025, 1, 1))).exists()


def test_an_inactive_account_is_refused(certificate):
    certificate.user.is_active = False
    certificate.user.save()
    assert officer_can_be_assigned(certificate, dt.date(2025, 1, 1)) == (
        False, REASON_ACCOUNT_INACTIVE.format(person="王执法")
    )


def test_a_user_without_certificate_is_refused(city):
    person = factories.user(city["yantian"], display_name="李无证")
    assert user_can_be_assigned(person) == (False, REASON_NO_CERTIFICATE.format(person="李无证"))
    assert officer_can_be_assigned(None)[0] is False


def test_user_check_uses_the_users_certificate(certificate):
    assert user_can_be_assigned(certificate.user, dt.date(2025, 1, 1)) == (True, REASON_OK)


# --- expiry reminders -------------------------------------------------------------------------


@pytest.fixture
def manager(city):
    """A 盐田 officer administrator, who is told about certificates of the unit expiring."""
    role = factories.role(factories.model_permissions(Officer, ["view", "change"]), DataScope.UNIT)
    return factories.user(city["yantian"], roles=[role], display_name="人事管理员")


def expiring(city, days: int, **values) -> Officer:
    return people.officer(city["yantian"], issued_on=dt.date(2021, 7, 1), expires_on=TODAY + dt.timedelta(days=days),
                          **values)


def test_certificate_expiring_in_30_days_gets_a_todo_and_notifications(city, manager):
    record = expiring(city, 30)
    assert remind_expiring_certificates(on_date=TODAY) == 1
    todo = Todo.objects.get(assignee=record.user)
    assert todo.kind == TodoKind.DEADLINE
    assert record.certificate_number in todo.title
    assert todo.url == record.get_absolute_url()
    assert todo.days_left is not None and todo.due_at.date() == record.expires_on
    assert set(Notification.objects.values_list("recipient", flat=True)) == {record.user_id, manager.pk}
    assert "还有 30 天到期" in Notification.objects.filter(recipient=record.user).get().body
    assert CertificateReminder.objects.get(officer=record).expires_on == record.expires_on


def test_the_manager_gets_a_todo_that_opens_the_record_too(city, manager):
    record = expiring(city, 20)
    remind_expiring_certificates(on_date=TODAY)
    todo = Todo.objects.get(assignee=manager)
    assert (todo.kind, todo.url) == (TodoKind.DEADLINE, record.get_absolute_url())
    assert record.user.display_name in todo.title and record.certificate_number in todo.title


def test_a_street_teams_certificate_reaches_the_unit_administrator_of_the_district_bureau(city):
    sync_builtin_roles()
    admin = factories.user(city["yantian"], roles=[Role.objects.get(code="unit_admin")], display_name="单位管理员")
    outsider = factories.user(city["futian"], roles=[Role.objects.get(code="unit_admin")])
    team = factories.unit("沙头角街道综合行政执法队", city["regions"]["shatoujiao"], kind="entrusted_org",
                          level="street", parent=city["yantian"])
    record = people.officer(team, issued_on=dt.date(2021, 7, 1), expires_on=TODAY + dt.timedelta(days=10))
    assert remind_expiring_certificates(on_date=TODAY) == 1
    assert set(Notification.objects.values_list("recipient", flat=True)) == {record.user_id, admin.pk}
    assert set(Todo.objects.values_list("assignee", flat=True)) == {record.user_id, admin.pk}
    assert not Todo.objects.filter(assignee=outsider).exists()


def test_certificate_expiring_in_31_days_is_not_reminded_yet(city, manager):
    expiring(city, 31)
    assert remind_expiring_certificates(on_date=TODAY) == 0
    assert not Todo.objects.exists()
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("days", "values"),
    [(-1, {}), (10, {"status": CertificateStatus.SUSPENDED}), (10, {"status": CertificateStatus.REVOKED})],
)
def test_expired_or_withdrawn_certificates_are_not_reminded(city, days, values):
    expiring(city, days, **values)
    assert remind_expiring_certificates(on_date=TODAY) == 0
    assert not Todo.objects.exists()


def test_each_certificate_validity_is_reminded_once(city):
    record = expiring(city, 20)
    assert remind_expiring_certificates(on_date=TODAY) == 1
    assert remind_expiring_certificates(on_date=TODAY) == 0
    assert remind_expiring_certificates(on_date=TODAY + dt.timedelta(days=1)) == 0
    assert Todo.objects.filter(assignee=record.user).count() == 1
    assert Notification.objects.filter(recipient=record.user).count() == 1


def test_a_second_worker_reminding_the_same_certificate_sends_nothing(city):
    """The reminder row is unique: a run that finds it already written (another worker) adds nothing."""
    record = expiring(city, 5)
    assert _remind(record, TODAY) is True
    assert _remind(record, TODAY) is False
    assert Todo.objects.filter(assignee=record.user).count() == 1
    assert Notification.objects.filter(recipient=record.user).count() == 1


def test_renewal_closes_the_todo_and_the_new_validity_is_reminded_later(city):
    record = expiring(city, 10)
    remind_expiring_certificates(on_date=TODAY)
    record.expires_on = record.expires_on.replace(year=record.expires_on.year + 5)
    officer_update(officer=record)
    assert Todo.objects.get(assignee=record.user).done_at is not None
    assert remind_expiring_certificates(on_date=TODAY) == 0
    later = record.expires_on - dt.timedelta(days=30)
    assert remind_expiring_certificates(on_date=later) == 1
    assert CertificateReminder.objects.filter(officer=record).count() == 2


def test_daily_task_runs_the_reminders(city):
    record = people.officer(city["yantian"], issued_on=dt.date(2021, 1, 1),
                            expires_on=timezone.localdate() + dt.timedelta(days=3))
    result = reminder_task.enqueue()
    assert result.return_value == 1
    assert Todo.objects.filter(assignee=record.user).exists()
