"""Schemathesis over the OpenAPI schema: no server error and no response outside the schema.

Every operation of ``/api/schema/`` is called with generated input (valid and invalid) through the
Django WSGI application, as an officer and as a system administrator. The example budget is small
and derandomised so CI runs it on every change; docs/security.md gives the command for a longer run.
"""

import datetime as dt
import json

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests import factories
from zhifa.org.models import ApiToken
from zhifa.org.roles_catalogue import BY_CODE
from zhifa.wsgi import application

CHECKS = [not_a_server_error, response_schema_conformance]


def openapi_document() -> dict:
    """The schema exactly as ``/api/schema/`` serves it (JSON), built without a request."""
    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


schema = schemathesis.openapi.from_dict(openapi_document())


@pytest.fixture(autouse=True)
def keep_the_test_transaction():
    """Called as a WSGI app, Django would close the connection after each request (and with it the
    test's transaction on PostgreSQL); the test client avoids that the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=["officer", "sysadmin"])
def api_headers(request, city):
    """The ``Authorization`` header of a token of an officer of 盐田 or of a system administrator."""
    if request.param == "officer":
        officer = BY_CODE["officer"]  # the built-in officer role, without syncing the whole catalogue
        user = factories.user(city["yantian"], roles=[factories.role(list(officer.permissions), officer.data_scope)])
    else:
        user = factories.user(city["bureau"], is_superuser=True)
    factories.user(city["futian"])
    _, key = ApiToken.issue(user=user, name="模糊测试", expires_at=timezone.now() + dt.timedelta(days=1))
    return {"Authorization": f"Token {key}"}


@schema.parametrize()
@settings(
    max_examples=2,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_answers_within_its_schema(case, api_headers):
    response = case.call(app=application, headers=api_headers)
    case.validate_response(response, checks=CHECKS, headers=api_headers)
