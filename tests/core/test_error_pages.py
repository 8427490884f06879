"""403, 404 and 500 are Chinese pages inside the layout that say why; the 500 page survives a dead database."""

import re

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, override_settings
from django.urls import path, reverse

from tests import factories
from zhifa import urls as site_urls
from zhifa.core.views.errors import MSG_ASK_ADMIN, MSG_FORBIDDEN
from zhifa.org.models import Unit


def broken_view(request):
    raise RuntimeError("a programming error")


urlpatterns = [*site_urls.urlpatterns, path("test-boom/", broken_view)]
handler403, handler404, handler500 = site_urls.handler403, site_urls.handler404, site_urls.handler500


@pytest.fixture
def officer(city):
    return factories.user(city["yantian"], roles=[factories.role(["org.view_unit"])], display_name="盐田执法员")


@pytest.fixture
def signed_in(officer):
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    return client


def in_layout(page: str) -> bool:
    return 'data-testid="menu"' in page and "返回工作台" in page and "盐田执法员" in page


def test_forbidden_page_says_why_inside_the_layout(signed_in):
    response = signed_in.get(reverse("org:user_list"))
    page = response.content.decode()
    assert response.status_code == 403
    assert in_layout(page) and "没有权限执行该操作" in page and MSG_ASK_ADMIN in page
    assert "<title>无权访问 - 执法通</title>" in page


def test_forbidden_without_a_chinese_reason_explains_the_data_scope(rf, officer):
    from django.core.exceptions import PermissionDenied

    from zhifa.core.views.errors import permission_denied

    request = rf.get("/somewhere/")
    request.user = officer
    response = permission_denied(request, PermissionDenied("CSRF verification failed"))
    assert response.status_code == 403 and MSG_FORBIDDEN in response.content.decode()


def test_a_record_outside_the_scope_is_not_found_and_the_page_explains_the_scope(signed_in, city):
    response = signed_in.get(reverse("org:unit_detail", args=[city["futian"].pk]))
    page = response.content.decode()
    assert response.status_code == 404
    assert in_layout(page) and "页面不存在" in page and "不在您的数据权限范围内" in page
    assert "Not Found" not in page and "No Unit matches" not in page


def test_an_unknown_address_is_a_chinese_404_that_uses_the_views_own_message(signed_in):
    response = signed_in.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()
    notice = signed_in.get(reverse("core:notice_detail", args=[987654]))
    assert notice.status_code == 404 and "没有这条通知公告" in notice.content.decode()


def test_api_errors_stay_json(signed_in):
    response = signed_in.get("/api/no-such-endpoint/")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "对象不存在或无权访问", "field": None}


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_names_the_request_id_of_the_header(signed_in):
    response = signed_in.get("/test-boom/")
    page = response.content.decode()
    request_id = response["X-Request-Id"]
    assert response.status_code == 500
    assert in_layout(page) and f"系统出错，已记录编号 {request_id}" in page


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_page_renders_without_the_database(signed_in, monkeypatch):
    def refuse(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    response = signed_in.get(reverse("core:workbench"), headers={"X-Request-Id": "abc123def456"})
    page = response.content.decode()
    monkeypatch.undo()
    assert response.status_code == 500 and response["X-Request-Id"] == "abc123def456"
    assert "系统出错，已记录编号 abc123def456" in page and "<title>系统出错 - 执法通</title>" in page
    assert 'data-testid="menu"' not in page
    assert Unit.objects.exists()  # the database is back for the rest of the test run
    assert not re.search(r"Traceback|OperationalError", page)
