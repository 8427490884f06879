"""API errors are structured and Chinese, whatever exception the view raised."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from zhifa.core.api.errors import exception_handler


def test_django_404_becomes_a_structured_not_found():
    response = exception_handler(Http404("x"), {})
    assert response.status_code == 404
    assert response.data == {"code": "not_found", "message": "对象不存在或无权访问", "field": None}


def test_django_permission_denied_becomes_403():
    response = exception_handler(PermissionDenied(), {})
    assert response.status_code == 403
    assert response.data["code"] == "permission_denied"
