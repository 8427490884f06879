"""API tokens: created with the key shown once, listed and revoked by their owner, audited; a token
acts as its user with the same permissions and data scopes as in the browser."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import include, path, reverse
from django.utils import timezone

from tests import factories
from zhifa.core.models import AuditEntry
from zhifa.core.scoping import DataScope
from zhifa.org.api.views import MeView
from zhifa.org.services import auth as services
from zhifa.org.models import ApiToken, Unit
from zhifa.org.models.tokens import hash_key

# ``/api/org/me/`` is mounted here in front of the project's routes (the project wires the same view).
urlpatterns = [path("api/org/me/", MeView.as_view()), path("", include("zhifa.urls"))]
pytestmark = pytest.mark.urls(__name__)

KEY = re.compile(r'data-testid="new-token-key">([^<]+)<')


@pytest.fixture
def officer(city):
    role = factories.role(factories.model_permissions(Unit, ["view"]), DataScope.UNIT)
    return factories.user(city["yantian"], roles=[role], username="wanglei", display_name="王磊")


def create_token(client, name="移动终端同步", valid_days="90"):
    return client.post(reverse("org:token_list"), {"name": name, "valid_days": valid_days})


def test_created_key_is_shown_once_and_only_its_hash_is_stored(client, officer):
    client.force_login(officer)

    response = create_token(client)

    key = KEY.search(response.content.decode()).group(1)
    token = ApiToken.objects.get(user=officer)
    assert token.key_hash == hash_key(key) and key not in (token.key_hash, token.prefix)
    assert "no-store" in response["Cache-Control"]
    assert token.expires_at > timezone.now() + dt.timedelta(days=89)
    assert key not in client.get(reverse("org:token_list")).content.decode()
    row = AuditEntry.objects.filter(object_type="org.apitoken", action="create").get()
    assert row.user_id_copy == officer.pk and row.changes["key_hash"]["after"] == "******"


def test_token_without_a_purpose_is_refused_with_the_field_named(client, officer):
    client.force_login(officer)
    response = create_token(client, name="")
    assert "请填写令牌用途" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_list_shows_only_ones_own_tokens(client, officer, city):
    other = factories.user(city["yantian"], username="other")
    services.token_issue(user=other, name="别人的令牌", valid_days=30)
    services.token_issue(user=officer, name="我的令牌", valid_days=30)
    client.force_login(officer)

    html = client.get(reverse("org:token_list")).content.decode()

    assert "我的令牌" in html and "别人的令牌" not in html


def test_revoking_deletes_the_token_and_is_audited(client, officer):
    token, key = services.token_issue(user=officer, name="旧终端", valid_days=30)
    client.force_login(officer)

    client.post(reverse("org:token_revoke", args=[token.pk]))

    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert AuditEntry.objects.filter(object_type="org.apitoken", object_id=str(token.pk), action="delete").exists()
    assert Client().get("/api/org/me/", headers={"Authorization": f"Token {key}"}).status_code == 401


def test_nobody_revokes_someone_elses_token(client, officer, city):
    other = factories.user(city["yantian"], username="other")
    token, _ = services.token_issue(user=other, name="别人的令牌", valid_days=30)
    client.force_login(officer)

    client.post(reverse("org:token_revoke", args=[token.pk]))

    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert not AuditEntry.objects.filter(object_type="org.apitoken", action="delete").exists()


def test_token_acts_as_its_user_with_the_same_permissions_as_the_browser(client, officer):
    _, key = services.token_issue(user=officer, name="接口", valid_days=30)
    client.force_login(officer)

    by_session = client.get("/api/org/me/").json()
    by_token = Client().get("/api/org/me/", headers={"Authorization": f"Token {key}"}).json()

    assert by_token["authenticated_by"] == "token" and by_session["authenticated_by"] == "session"
    for answer in (by_session, by_token):
        answer.pop("authenticated_by")
    assert by_token == by_session
    assert by_token["username"] == "wanglei"
    assert by_token["unit"]["name"] == "盐田区城市管理和综合执法局"
    assert by_token["permissions"] == {"org.view_unit": ["unit"]}


def test_token_lists_the_same_units_as_its_user_sees_in_the_browser(client, officer, city):
    _, key = services.token_issue(user=officer, name="接口", valid_days=30)
    client.force_login(officer)

    by_token = Client().get(reverse("org-api:unit-list"), headers={"Authorization": f"Token {key}"}).json()
    by_session = client.get(reverse("org-api:unit-list")).json()

    names = {unit["name"] for unit in by_token["results"]}
    assert names == {unit["name"] for unit in by_session["results"]}
    assert names == {unit.name for unit in Unit.objects.restrict(officer, "view")} == {"盐田区城市管理和综合执法局"}


def test_expired_and_unknown_tokens_are_refused(officer):
    token, key = ApiToken.issue(user=officer, name="过期", expires_at=timezone.now() - dt.timedelta(seconds=1))

    expired = Client().get("/api/org/me/", headers={"Authorization": f"Token {key}"})
    unknown = Client().get("/api/org/me/", headers={"Authorization": "Token not-a-real-key"})

    assert expired.status_code == unknown.status_code == 401
    assert expired.json()["code"] == "authentication_failed"
    token.refresh_from_db()
    assert token.last_used_at is None


def test_token_use_is_stamped(officer):
    token, key = services.token_issue(user=officer, name="接口", valid_days=30)
    Client().get("/api/org/me/", headers={"Authorization": f"Token {key}"})
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_api_without_credentials_is_refused(db):
    response = Client().get("/api/org/me/")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("valid_days", ["0", "366", "3650"])
def test_a_token_without_expiry_or_beyond_the_maximum_is_refused(client, officer, valid_days):
    client.force_login(officer)
    response = create_token(client, valid_days=valid_days)
    assert response.status_code == 200 and "valid_days" in response.context["form"].errors
    assert not ApiToken.objects.exists()
    with pytest.raises(ValidationError):
        services.token_issue(user=officer, name="长期", valid_days=int(valid_days))


def test_the_maximum_validity_is_a_setting(client, officer, settings):
    settings.ZHIFA_API_TOKEN_MAX_DAYS = 60
    client.force_login(officer)
    assert create_token(client, valid_days="90").context["form"].errors
    create_token(client, valid_days="60")
    token = ApiToken.objects.get()
    assert token.expires_at < timezone.now() + dt.timedelta(days=61)
