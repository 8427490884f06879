"""The client address in the audit trail: X-Forwarded-For only counts when a trusted proxy sent it."""

import pytest
from django.test import RequestFactory

from zhifa.core.middleware import client_ip


def request_from(remote: str, forwarded: str = ""):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_a_forged_header_from_an_untrusted_client_is_ignored(settings):
    settings.ZHIFA_TRUSTED_PROXIES = ["10.0.0.5"]
    assert client_ip(request_from("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


def test_no_proxy_is_trusted_by_default(settings):
    settings.ZHIFA_TRUSTED_PROXIES = []
    assert client_ip(request_from("127.0.0.1", "1.2.3.4")) == "127.0.0.1"


def test_the_address_set_by_a_trusted_proxy_is_the_client(settings):
    settings.ZHIFA_TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_ip(request_from("10.0.0.5", "198.51.100.7")) == "198.51.100.7"


def test_hops_are_read_from_the_right_so_a_client_cannot_prepend_one(settings):
    settings.ZHIFA_TRUSTED_PROXIES = ["10.0.0.5", "10.0.1.0/24"]
    # the client sent "X-Forwarded-For: 1.2.3.4"; two trusted proxies appended what they saw
    assert client_ip(request_from("10.0.0.5", "1.2.3.4, 198.51.100.7, 10.0.1.3")) == "198.51.100.7"


@pytest.mark.parametrize("forwarded", ["", "not-an-address"])
def test_a_trusted_proxy_without_a_usable_header_is_recorded_itself(settings, forwarded):
    settings.ZHIFA_TRUSTED_PROXIES = ["10.0.0.5"]
    assert client_ip(request_from("10.0.0.5", forwarded)) == "10.0.0.5"


def test_the_audit_row_of_a_login_records_the_real_address(client, db, settings):
    from django.urls import reverse

    from tests import factories
    from zhifa.core.models import AuditEntry

    settings.ZHIFA_TRUSTED_PROXIES = []
    user = factories.user(None, username="ip-check")
    client.post(
        reverse("org:login"),
        {"username": user.username, "password": "wrong"},
        HTTP_X_FORWARDED_FOR="6.6.6.6",
        REMOTE_ADDR="192.0.2.10",
    )
    assert AuditEntry.objects.filter(action="login_failed", object_repr="ip-check").get().ip == "192.0.2.10"
