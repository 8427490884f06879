"""Routes shared by the generic object views (saved column choices)."""

from django.urls import path

from zhifa.core.views.generic.preferences import TableColumnsView

urlpatterns = [
    path("tables/<str:name>/columns/", TableColumnsView.as_view(), name="table_columns"),
]
