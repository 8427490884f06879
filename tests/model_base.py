"""What every generic model test mixin shares: the model's names and URLs, its tester, file helpers.

The mixins themselves live in ``tests/base.py`` (screens and API), ``tests/reach.py`` (data scopes,
grants, writes outside the scope) and ``tests/personal_data.py`` (masking, read audit, history card).
"""

from __future__ import annotations

import csv
import io
import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from openpyxl import Workbook, load_workbook

from tests import factories
from zhifa.core.models import AuditEntry
from zhifa.core.scoping import DataScope
from zhifa.core.views.generic import registered_actions

_numbers = itertools.count(1)
QUERY_COUNT_SMALL = 10
QUERY_COUNT_LARGE = 100


def xlsx_upload(rows: list[dict], name: str = "导入.xlsx") -> SimpleUploadedFile:
    """An .xlsx upload whose header row is the keys of the first row."""
    workbook = Workbook()
    sheet = workbook.active
    headers = list(rows[0])
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header, "") for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_upload(rows: list[dict], name: str = "导入.csv", encoding: str = "utf-8-sig") -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(encoding))


def xlsx_cells(content: bytes) -> list[list]:
    """Every row of the first sheet of an .xlsx file, header included."""
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return rows


def streamed(response) -> bytes:
    return b"".join(response.streaming_content)


class ModelTestBase:
    """Names, URLs and the tester of one model's screens."""

    model = None
    scoped = True
    data_scope = DataScope.UNIT
    extra_permissions: tuple[str, ...] = ()
    key_field = "name"
    api_basename: str | None = None
    url_prefix_api = "org-api"

    def create_data(self, city) -> dict[str, list]:
        """``{"own": [...], "other": [...]}``: rows in the tester's district and in another one."""
        raise NotImplementedError(f"{type(self).__name__} 需要实现 create_data")

    def create_rows(self, city, count: int) -> None:
        """Create ``count`` more rows visible to the tester (for the query-count tests)."""
        raise NotImplementedError(f"{type(self).__name__} 需要实现 create_rows")

    @pytest.fixture
    def data(self, city):
        return self.create_data(city)

    @property
    def meta(self):
        return self.model._meta

    def url(self, action: str, obj=None) -> str:
        args = [obj.pk] if obj is not None else None
        return reverse(f"{self.meta.app_label}:{self.meta.model_name}_{action}", args=args)

    def has_api(self) -> bool:
        """Whether the model has an API resource (``api_basename`` under ``url_prefix_api``)."""
        try:
            self.api_url()
        except NoReverseMatch:
            return False
        return True

    def api_url(self, obj=None) -> str:
        basename = self.api_basename or self.meta.model_name
        if obj is None:
            return reverse(f"{self.url_prefix_api}:{basename}-list")
        return reverse(f"{self.url_prefix_api}:{basename}-detail", args=[obj.pk])

    def make_tester(self, city, actions=("view",), *, scope=None, unit=None, **extra):
        """A user of ``unit`` (default: the 盐田区 agency) holding ``actions`` on the model (plus
        ``extra_permissions``) with the data scope."""
        permissions = factories.model_permissions(self.model, actions) + list(self.extra_permissions)
        role = factories.role(permissions, scope or self.data_scope)
        return factories.user(unit or city["yantian"], roles=[role], **extra)

    def sibling_unit(self, city):
        """A new unit of the same district (盐田区) that is neither the agency nor below it."""
        return factories.unit(f"盐田区测试局{next(_numbers)}", city["regions"]["yantian"])

    def history_url(self, obj) -> str:
        return reverse("core:object_history", args=[f"{self.meta.app_label}.{self.meta.model_name}", obj.pk])

    def key(self, obj) -> str:
        return str(getattr(obj, self.key_field))

    def visible_keys(self, data) -> set[str]:
        """Keys the tester must see: own rows, and other rows too when the model is unscoped."""
        rows = data["own"] + ([] if self.scoped else data["other"])
        return {self.key(obj) for obj in rows}

    def hidden_keys(self, data) -> set[str]:
        return {self.key(obj) for obj in data["other"]} if self.scoped else set()

    def audit_rows(self, action: str, obj=None):
        rows = AuditEntry.objects.filter(action=action, object_type=f"{self.meta.app_label}.{self.meta.model_name}")
        return rows.filter(object_id=str(obj.pk)) if obj is not None else rows

    def get_urls(self, data) -> list[str]:
        """Every GET page registered for the model (object pages with an own row)."""
        obj = data["own"][0]
        urls = []
        for action in sorted(registered_actions(self.model)):
            if action in ("bulk_edit", "bulk_delete"):
                continue
            object_level = action not in ("list", "add", "import", "export")
            urls.append(self.url(action, obj if object_level else None))
        return urls
