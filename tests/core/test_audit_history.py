"""An object's history: the audit rows of one object, shown to whoever may view that object, 404 otherwise."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from zhifa.core.actor import Channel, actor_context
from zhifa.core.audit import ObjectRef, record
from zhifa.core.models import AuditAction, AuditEntry
from zhifa.core.scoping import DataScope
from zhifa.org.choices import UnitKind, UnitLevel
from zhifa.org.models import Unit, User
from zhifa.org.services.units import unit_create


@pytest.fixture
def yantian_officer(city):
    role = factories.role(factories.model_permissions(Unit, ["view"]), DataScope.UNIT)
    return factories.user(city["yantian"], roles=[role], username="yt-officer", display_name="王磊")


def history_url(obj_type, pk):
    return reverse("core:object_history", args=[obj_type, pk])


def change_phone(unit, user, phone):
    with actor_context(channel=Channel.WEB, user=user):
        unit.phone = phone
        unit.save()


def test_history_lists_the_rows_of_that_object_only(client, city, yantian_officer):
    change_phone(city["yantian"], yantian_officer, "0755-25555555")
    change_phone(city["futian"], yantian_officer, "0755-83333333")
    client.force_login(yantian_officer)

    response = client.get(history_url("org.unit", city["yantian"].pk))
    html = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in html and 'data-testid="object-history"' in html
    assert "0755-25555555" in html and "联系电话" in html and "王磊" in html
    assert "0755-83333333" not in html
    assert html.count("list-group-item") == AuditEntry.objects.filter(
        object_type="org.unit", object_id=str(city["yantian"].pk)
    ).count()


def test_object_outside_the_viewers_scope_is_not_found(client, city, yantian_officer):
    client.force_login(yantian_officer)
    assert client.get(history_url("org.unit", city["futian"].pk)).status_code == 404


def test_viewer_without_the_view_permission_is_not_found(client, city):
    client.force_login(factories.user(city["yantian"]))
    assert client.get(history_url("org.unit", city["yantian"].pk)).status_code == 404


@pytest.mark.parametrize(
    "object_type, pk",
    [("org.nothing", "1"), ("nonsense", "1"), ("core.auditentry", "1"), ("org.unit", "abc"), ("org.unit", "999999")],
)
def test_unknown_types_objects_and_unscoped_models_are_not_found(client, city, yantian_officer, object_type, pk):
    client.force_login(yantian_officer)
    assert client.get(history_url(object_type, pk)).status_code == 404


def test_anonymous_is_sent_to_login(client, city):
    response = client.get(history_url("org.unit", city["yantian"].pk))
    assert response.status_code == 302 and response.url.startswith(reverse("org:login"))


def test_model_name_in_any_case_is_accepted(client, city, yantian_officer):
    client.force_login(yantian_officer)
    assert client.get(history_url("org.Unit", city["yantian"].pk)).status_code == 200


def test_query_count_does_not_grow_with_rows(client, city, yantian_officer):
    change_phone(city["yantian"], yantian_officer, "0755-25555555")
    client.force_login(yantian_officer)
    url = history_url("org.unit", city["yantian"].pk)
    client.get(url)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for n in range(20):
        change_phone(city["yantian"], yantian_officer, f"0755-2555{n:04d}")
    client.get(url)  # a changed unit refills the per-user cache once (zhifa.core.usercache)
    assert queries() == few


def test_changes_show_names_and_labels_not_ids_and_codes(client, city, yantian_officer):
    """“创建人 → 4” and “类型 → agency” read as the person's and the kind's names."""
    with actor_context(channel=Channel.WEB, user=yantian_officer):
        unit = unit_create(unit=Unit(name="盐田区沙头角执法队", region=city["regions"]["yantian"], kind=UnitKind.AGENCY,
                                     level=UnitLevel.STREET, parent=city["yantian"]), reason="新设")
    client.force_login(factories.user(city["yantian"], roles=[factories.role(
        factories.model_permissions(Unit, ["view"]), DataScope.SUBTREE)]))
    rows = {row["label"]: row["after"] for entry in client.get(history_url("org.unit", unit.pk)).context["entries"]
            for row in entry.change_rows}
    assert rows["创建人"] == str(yantian_officer)
    assert rows["上级单位"] == city["yantian"].name
    assert rows["类型"] == "执法机关"


def sign_in_history(user):
    """A login, a failed login that locked the account, and a logout of ``user``, as the login services write them."""
    record(AuditAction.LOGIN, user, user=user, message="密码登录")
    record(AuditAction.LOGIN_FAILED, ObjectRef("org.user", str(user.pk), user.username),
           changes={"failed_logins": {"before": 4, "after": 5}}, message="密码错误；连续失败 5 次，账户锁定")
    record(AuditAction.LOGOUT, user, user=user, message="退出登录")


@pytest.mark.parametrize("reader, sees", [
    ("colleague", False), ("self", True), ("admin", True), ("auditor", True), ("other_district_auditor", False),
])
def test_sign_in_rows_are_private_to_the_account_its_admins_and_auditors(client, city, reader, sees):
    view_users = factories.model_permissions(User, ["view"])
    colleague_role = factories.role(view_users, DataScope.UNIT)
    account = factories.user(city["yantian"], roles=[colleague_role], username="yt-account")
    sign_in_history(account)
    readers = {
        "colleague": lambda: factories.user(city["yantian"], roles=[colleague_role]),
        "self": lambda: account,
        "admin": lambda: factories.user(city["yantian"], roles=[factories.role(
            factories.model_permissions(User, ["view", "change"]), DataScope.UNIT)]),
        "auditor": lambda: factories.user(city["yantian"], roles=[colleague_role, factories.role(
            ["core.view_auditentry"], DataScope.REGION)]),
        "other_district_auditor": lambda: factories.user(city["futian"], roles=[
            factories.role(view_users, DataScope.ALL), factories.role(["core.view_auditentry"], DataScope.UNIT)]),
    }
    client.force_login(readers[reader]())
    response = client.get(history_url("org.user", account.pk))
    assert response.status_code == 200
    actions = {entry.action for entry in response.context["entries"]}
    assert AuditAction.CREATE in actions
    sign_ins = {AuditAction.LOGIN, AuditAction.LOGIN_FAILED, AuditAction.LOGOUT}
    assert (actions >= sign_ins) if sees else not (actions & sign_ins)
