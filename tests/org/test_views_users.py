"""User administration screens and API: the generic suite, masking, (de)activation, role escalation."""

import itertools

import pytest
from django.urls import reverse

from tests import factories
from tests.base import (
    BulkEditTests,
    ImportTests,
    PrimaryObjectTests,
    RestrictedChoicesTests,
    streamed,
    xlsx_cells,
    xlsx_upload,
)
from zhifa.core.models import AuditEntry
from zhifa.core.scoping import DataScope
from zhifa.org.authority import MSG_ROLE_TOO_STRONG
from zhifa.org.forms.administration import MSG_BAD_MOBILE
from zhifa.org.models import Role, User
from zhifa.org.services.users import MSG_NOT_YOURSELF

_numbers = itertools.count(1)
ID_NUMBER = "11010519491231002X"
MASKED_ID_NUMBER = "110105********002X"
STRONG_PASSWORD = "Zhifa-Admin-2026!"


def user_post(user, **changes) -> dict:
    data = {
        "username": user.username, "display_name": user.display_name, "unit": user.unit_id,
        "department": user.department_id or "", "title": user.title, "phone": user.phone, "email": user.email,
        "id_number": user.id_number, "roles": [role.pk for role in user.roles.all()],
    }
    if user.is_active:
        data["is_active"] = "on"
    data.update(changes)
    return data


def officer_role() -> Role:
    """A modest role any user administrator may hand out (it holds only ``org.view_user``)."""
    return factories.role(["org.view_user"], DataScope.UNIT, code=f"officer-{next(_numbers)}")


class TestUserViews(PrimaryObjectTests, BulkEditTests, ImportTests, RestrictedChoicesTests):
    model = User
    extra_permissions = ("org.view_unit", "org.view_role")
    key_field = "username"
    choice_field = "unit"
    edit_field = "title"
    bulk_field = "title"
    bulk_value = "执法队员"

    def create_data(self, city):
        return {
            "own": [factories.user(city["yantian"], username="yt-zhang", id_number=ID_NUMBER),
                    factories.user(city["yantian"], username="yt-li")],
            "other": [factories.user(city["futian"], username="ft-wang"),
                      factories.user(city["futian"], username="ft-zhao")],
        }

    def create_rows(self, city, count):
        role = officer_role()
        for _ in range(count):
            factories.user(city["yantian"], roles=[role], username=f"yt-bulk-{next(_numbers):04d}")

    def choice_objects(self, city, data):
        return city["yantian"], city["futian"]

    def form_data(self, city):
        return {
            "username": "yt-new-officer", "display_name": "陈新", "unit": city["yantian"].pk,
            "phone": "13800138000", "password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD,
            "roles": [officer_role().pk], "is_active": "on",
        }

    def invalid_form_data(self, city):
        return {**self.form_data(city), "phone": "12345"}, "phone"

    def edit_data(self, city, obj):
        return user_post(obj, title="科长")

    def bulk_edit_data(self, city):
        return {"title": "执法队员"}

    def import_rows(self, city):
        code = officer_role().code
        return [
            {"用户名": "yt-import-1", "姓名": "王一", "单位": city["yantian"].name, "手机号": "13900000001", "角色": code},
            {"用户名": "yt-import-2", "姓名": "王二", "单位": str(city["yantian"].pk), "手机号": 13900000002,
             "角色": code},
        ]

    def bad_import_row(self, city):
        return {"用户名": "yt-import-3", "姓名": "王三", "单位": city["futian"].name, "手机号": "13900000003",
                "角色": ""}, "单位"

    def imported(self, row):
        return User.objects.get(username=row["用户名"])


@pytest.fixture
def viewer(city):
    """A 盐田 user who may view users but not change them."""
    return factories.user(city["yantian"], roles=[factories.role(["org.view_user", "org.view_unit"])])


@pytest.fixture
def admin(city):
    permissions = factories.model_permissions(User, ["view", "add", "change"]) + ["org.view_unit", "org.view_role"]
    return factories.user(city["yantian"], roles=[factories.role(permissions)])


@pytest.fixture
def person(city):
    return factories.user(city["yantian"], username="yt-person", id_number=ID_NUMBER)


def test_id_number_is_masked_for_viewers_in_list_export_api_and_detail(client, viewer, person):
    client.force_login(viewer)
    views = TestUserViews()
    client.post(reverse("core:table_columns", args=["org.UserTable"]), {"columns": ["username", "id_number"]})
    list_page = client.get(views.url("list"), {"q": "yt-person"})
    table = list_page.context["table"]
    row = next(r for r in table.paginated_rows if r.record == person)
    assert row.get_cell_value("id_number") == MASKED_ID_NUMBER
    exported = {v for r in xlsx_cells(streamed(client.get(views.url("export")))) for v in r}
    api = client.get(views.api_url(person)).json()
    detail = client.get(views.url("detail", person)).content.decode()
    assert MASKED_ID_NUMBER in exported and ID_NUMBER not in exported
    assert api["id_number"] == MASKED_ID_NUMBER
    assert MASKED_ID_NUMBER in detail and ID_NUMBER not in detail


def test_id_number_is_shown_to_user_administrators(client, admin, person):
    client.force_login(admin)
    assert client.get(TestUserViews().api_url(person)).json()["id_number"] == ID_NUMBER


def test_deactivation_ends_sessions_and_is_audited(client, admin, person):
    client.force_login(admin)
    response = client.post(TestUserViews().url("deactivate", person))
    assert response.status_code == 302
    epoch = person.session_epoch
    person.refresh_from_db()
    assert (person.is_active, person.session_epoch) == (False, epoch + 1)
    entry = AuditEntry.objects.filter(action="update", object_type="org.user", object_id=str(person.pk)).latest("seq")
    assert entry.changes["is_active"] == {"before": True, "after": False}


def test_administrator_cannot_deactivate_themselves(client, admin):
    client.force_login(admin)
    client.post(TestUserViews().url("deactivate", admin))
    admin.refresh_from_db()
    assert admin.is_active


def test_self_deactivation_message_is_shown(client, admin):
    client.force_login(admin)
    response = client.post(TestUserViews().url("deactivate", admin), follow=True)
    assert MSG_NOT_YOURSELF in response.content.decode()


def test_deactivating_a_user_of_another_district_is_not_found(client, city, admin):
    stranger = factories.user(city["futian"])
    client.force_login(admin)
    assert client.post(TestUserViews().url("deactivate", stranger)).status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active


def test_cannot_hand_out_a_role_stronger_than_own(client, city, admin, person):
    client.force_login(admin)
    powerful = factories.role(factories.model_permissions(Role), DataScope.ALL, code="role-admin")
    response = client.post(TestUserViews().url("edit", person), user_post(person, roles=[powerful.pk]))
    [message] = response.context["form"].errors["roles"]
    assert message.startswith(MSG_ROLE_TOO_STRONG.format(role="role-admin", detail=""))
    assert not person.roles.filter(pk=powerful.pk).exists()


def test_bad_mobile_number_is_explained(client, city, admin):
    client.force_login(admin)
    response = client.post(TestUserViews().url("add"), {**TestUserViews().form_data(city), "phone": "138"})
    assert response.context["form"].errors["phone"] == [MSG_BAD_MOBILE]


def test_imported_users_cannot_sign_in_until_a_password_is_set(client, city):
    views = TestUserViews()
    client.force_login(views.make_tester(city, ("view", "add")))
    rows = views.import_rows(city)
    preview = client.post(views.url("import"), {"file": xlsx_upload(rows)})
    client.post(views.url("import"), {"token": preview.context["token"], "_confirm": "1"})
    imported = User.objects.get(username="yt-import-1")
    assert not imported.has_usable_password()
    assert imported.phone == "13900000001"
    assert list(imported.roles.values_list("code", flat=True)) == [rows[0]["角色"]]
