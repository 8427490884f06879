"""The demo city: deterministic for a seed, every role present, demo accounts log in and are scoped."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from zhifa.core.audit import verify_chain
from zhifa.core.models import AuditEntry, NumberRule, Todo
from zhifa.core.services.numbering import next_number
from zhifa.org.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from zhifa.org.models import Role, Unit, UnitVersion, User
from zhifa.org.roles_catalogue import CATALOGUE

SMALL = {"districts": 2, "users": 60}
YANTIAN_URBAN = "深圳市盐田区城市管理和综合执法局"
FUTIAN_URBAN = "深圳市福田区城市管理和综合执法局"


def run(**options) -> str:
    out = StringIO()
    call_command("demo_data", stdout=out, **{**SMALL, **options})
    return out.getvalue()


def snapshot() -> tuple:
    """Everything the seed decides, without database keys."""
    units = sorted(
        (u.name, u.short_name, u.kind, u.level, u.sector, u.region.code, u.parent.name if u.parent else "",
         u.number_prefix, u.credit_code, u.address, u.phone)
        for u in Unit.objects.select_related("region", "parent")
    )
    users = sorted(
        (u.username, u.display_name, u.phone, u.title, u.unit.name, u.department.name if u.department else "",
         tuple(sorted(r.code for r in u.roles.all())))
        for u in User.objects.select_related("unit", "department").prefetch_related("roles")
    )
    return units, users


def snapshot_of_run(seed: int) -> tuple:
    with transaction.atomic():
        run(seed=seed)
        result = snapshot()
        transaction.set_rollback(True)
    return result


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    output = run(seed=7)
    return {"output": output, "users": {u.username: u for u in User.objects.select_related("unit")}}


def test_same_seed_gives_the_same_city_and_another_seed_other_people(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    first, again, other = snapshot_of_run(7), snapshot_of_run(7), snapshot_of_run(8)
    assert first == again
    assert len(first[1]) == SMALL["users"]
    assert first[1] != other[1]
    assert [u[0] for u in first[0]] == [u[0] for u in other[0]]  # the organisation is the same city


def test_every_builtin_role_has_holders_and_demo_accounts_have_theirs(demo):
    held = set(Role.objects.filter(users__isnull=False).values_list("code", flat=True))
    assert {role.code for role in CATALOGUE} <= held
    for account in DEMO_ACCOUNTS:
        user = demo["users"][account.username]
        assert list(user.roles.values_list("code", flat=True)) == [account.role]


def test_every_demo_account_can_log_in_with_the_demo_password(demo, client):
    for account in DEMO_ACCOUNTS:
        assert client.login(username=account.username, password=DEMO_PASSWORD), account.username
        client.logout()
    assert not client.login(username="officer_yantian", password="wrong-password")


def test_district_officer_sees_only_own_unit_and_city_supervisor_sees_every_district(demo):
    users = demo["users"]
    futian_urban = Unit.objects.get(name=FUTIAN_URBAN)
    yantian_urban = Unit.objects.get(name=YANTIAN_URBAN)

    officer_view = Unit.objects.restrict(users["officer_yantian"], "view")
    assert set(officer_view) == {yantian_urban}
    assert futian_urban in Unit.objects.restrict(users["supervisor_city"], "view")
    district_supervisor_view = Unit.objects.restrict(users["supervisor_yantian"], "view")
    assert yantian_urban in district_supervisor_view
    assert futian_urban not in district_supervisor_view
    assert not User.objects.restrict(users["officer_yantian"], "view").filter(unit=futian_urban).exists()


def test_leader_sees_the_street_teams_of_the_bureau_but_no_other_district(demo):
    leader_view = Unit.objects.restrict(demo["users"]["leader_yantian"], "view")
    names = set(leader_view.values_list("name", flat=True))
    assert "深圳市盐田区沙头角街道综合行政执法队" in names
    assert "执法一中队" in names
    assert FUTIAN_URBAN not in names


def test_units_have_correct_paths_versions_and_number_rules(demo):
    for unit in Unit.objects.select_related("parent"):
        assert unit.path == unit.expected_path()
    assert UnitVersion.objects.count() == Unit.objects.count()
    yantian_urban = Unit.objects.get(name=YANTIAN_URBAN)
    assert yantian_urban.number_prefix == "深盐城管"
    assert set(NumberRule.objects.filter(unit=yantian_urban).values_list("kind", flat=True)) == {
        "punishment_decision", "case"
    }
    with transaction.atomic():
        number = next_number(unit=yantian_urban, kind="punishment_decision", on_date=dt.date(2026, 3, 1))
    assert number == "深盐城管罚〔2026〕第0001号"


def test_bulk_steps_are_audited_once_and_the_chain_verifies(demo):
    assert AuditEntry.objects.filter(action="import", object_type="org.user").count() == 1
    assert AuditEntry.objects.filter(action="import", object_type="core.numberrule").count() == 1
    assert AuditEntry.objects.filter(action="create", object_type="org.unit").count() == Unit.objects.count()
    assert verify_chain().ok


def test_the_accounts_file_lists_every_demo_account_and_no_todo_is_written_yet(demo, tmp_path):
    assert not Todo.objects.exists()  # the todos come last, with their targets (zhifa demo-workbench)
    text = (tmp_path / "demo-accounts.txt").read_text(encoding="utf-8")
    assert DEMO_PASSWORD in text
    assert all(account.username in text for account in DEMO_ACCOUNTS)
    assert "officer_yantian" in demo["output"]


def test_if_empty_does_nothing_when_units_exist(demo):
    units, users, audit_rows = Unit.objects.count(), User.objects.count(), AuditEntry.objects.count()

    output = run(seed=9, if_empty=True)

    assert "跳过" in output
    assert (Unit.objects.count(), User.objects.count(), AuditEntry.objects.count()) == (units, users, audit_rows)


def test_second_run_without_if_empty_is_refused_and_writes_nothing(demo):
    units, users = Unit.objects.count(), User.objects.count()
    with pytest.raises(CommandError, match="已有单位数据"):
        run(seed=9)
    assert (Unit.objects.count(), User.objects.count()) == (units, users)


@pytest.mark.parametrize(
    ("options", "message"),
    [({"districts": 1}, "区县数量须在 2 到 9 之间"), ({"users": 5}, "用户数量不能少于演示账号数")],
)
def test_bad_sizes_are_refused_and_nothing_is_written(db, options, message):
    with pytest.raises(CommandError, match=message):
        run(**options)
    assert not Unit.objects.exists()
    assert not User.objects.exists()
