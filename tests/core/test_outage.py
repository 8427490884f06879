"""During a database outage: the API answers its JSON error with the request id, /healthz tells nothing."""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

from tests import factories

REFUSED = 'connection to server at "db.internal" (10.0.0.5), port 5432 failed: Connection refused'


@contextmanager
def database_down():
    """Inside the block every query fails as it does when the database server is unreachable."""

    def refuse(*args, **kwargs):
        raise OperationalError(REFUSED)

    with mock.patch.object(CursorWrapper, "execute", refuse), mock.patch.object(CursorWrapper, "executemany", refuse):
        yield


@pytest.fixture
def user_client(city, client):
    client.force_login(factories.user(city["yantian"]))
    client.raise_request_exception = False
    return client


def test_the_api_answers_a_chinese_json_error_with_the_request_id(user_client):
    with database_down():
        response = user_client.get("/api/org/me/", HTTP_X_REQUEST_ID="req-outage-1")

    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Request-Id"] == "req-outage-1"
    assert response.json() == {
        "code": "database_unavailable",
        "message": "数据库暂时无法访问，请稍后重试（错误编号 req-outage-1）",
        "field": None,
        "request_id": "req-outage-1",
    }


def test_a_page_during_the_outage_reaches_the_error_handler_with_a_request_id(user_client):
    with database_down():
        response = user_client.get("/")

    assert response.status_code == 500
    assert len(response["X-Request-Id"]) == 32
    assert "10.0.0.5" not in response.content.decode()


def test_health_tells_anonymous_callers_only_ok_or_not(client, db):
    assert client.get("/healthz", REMOTE_ADDR="203.0.113.9").json() == {"status": "ok"}
    with database_down():
        remote = client.get("/healthz", REMOTE_ADDR="203.0.113.9")
        proxied = client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")

    for response in (remote, proxied):
        assert response.status_code == 503
        assert response.json() == {"status": "error"}


def test_health_details_only_on_the_host_itself(client, db):
    with database_down():
        response = client.get("/healthz", REMOTE_ADDR="127.0.0.1")

    assert response.status_code == 503
    assert response.json()["detail"]["error"] == f"OperationalError: {REFUSED}"
