"""Personal data of every model: masked on every surface and unmasked only where the permission
reaches; a change-history card that reads like the screens.

``ReadOnlyObjectTests`` mixes these in; models without masked fields (``zhifa.core.masking``) skip
the masking tests.
"""

from __future__ import annotations

import pytest
from django.db.models import ForeignObjectRel

from tests import factories
from tests.model_base import ModelTestBase, streamed, xlsx_cells
from zhifa.core import masking
from zhifa.core.actor import Channel, actor_context
from zhifa.core.scoping import DataScope
from zhifa.core.views.generic import registered_actions

SAMPLES = {"id_number": "11010519491231002X", "phone": "13812345678"}
"""A full value of each mask kind, written into a row before reading it back."""


class PersonalDataTests(ModelTestBase):
    """``masked_fields`` are masked in list, export, detail, API and history for a reader without the
    unmask permission, or whose unmask permission does not reach the row."""

    def with_personal_data(self, obj) -> dict[str, str]:
        """Write a full sample value into every masked field of ``obj`` (audited); ``{field: value}``."""
        fields = masking.masked_fields(self.model)
        if not fields:
            pytest.skip("该模型没有需要脱敏的个人信息字段")
        values = {name: SAMPLES[kind] for name, kind in fields.items()}
        with actor_context(channel=Channel.SYSTEM):
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
        return values

    def surfaces(self, client, obj) -> dict[str, str]:
        """Every text a reader is shown about ``obj``: detail page, history card, list, export, API."""
        texts = {
            "详情页": client.get(self.url("detail", obj)).content.decode(),
            "变更记录": client.get(self.history_url(obj)).content.decode(),
            "列表": client.get(self.url("list")).content.decode(),
        }
        if self.has_api():
            texts["接口详情"] = client.get(self.api_url(obj)).content.decode()
            texts["接口列表"] = client.get(self.api_url()).content.decode()
        if "export" in registered_actions(self.model):
            export = client.get(self.url("export"))
            texts["导出"] = " ".join(str(cell) for row in xlsx_cells(streamed(export)) for cell in row)
        return texts

    def assert_masked(self, client, obj, values) -> None:
        for surface, text in self.surfaces(client, obj).items():
            for name, value in values.items():
                assert value not in text, f"{surface} 显示了完整的 {name}"
        detail, history = client.get(self.url("detail", obj)), client.get(self.history_url(obj))
        for name, value in values.items():
            shown = masking.MASKERS[masking.masked_fields(self.model)[name]](value)
            assert shown in detail.content.decode() and shown in history.content.decode(), name
            if self.has_api():
                assert client.get(self.api_url(obj)).json()[name] == shown

    def test_personal_data_is_masked_everywhere_for_a_reader_without_the_permission(self, client, city, data):
        obj = data["own"][0]
        values = self.with_personal_data(obj)
        client.force_login(self.make_tester(city))
        self.assert_masked(client, obj, values)

    def test_unmasked_only_where_the_permissions_own_scope_reaches(self, client, city, data):
        obj = data["own"][0]
        values = self.with_personal_data(obj)
        unmask = masking.unmask_permission(self.model)
        view = factories.model_permissions(self.model, ("view",)) + list(self.extra_permissions)
        holder = factories.user(city["yantian"], roles=[factories.role([*view, unmask], self.data_scope)])
        client.force_login(holder)
        pages = [self.url("detail", obj), self.history_url(obj)] + ([self.api_url(obj)] if self.has_api() else [])
        for text in (client.get(page).content.decode() for page in pages):
            assert all(value in text for value in values.values())
        elsewhere = factories.user(self.sibling_unit(city), roles=[factories.role(view, DataScope.REGION),
                                                                   factories.role([unmask], DataScope.UNIT)])
        client.force_login(elsewhere)
        self.assert_masked(client, obj, values)


class HistoryCardTests(ModelTestBase):
    """The change-history card of a row opens for its readers and shows names and labels, not ids or codes."""

    def test_history_card_shows_names_and_labels(self, client, city, data):
        client.force_login(self.make_tester(city))
        obj = data["own"][0]
        response = client.get(self.history_url(obj))
        assert response.status_code == 200
        for entry in response.context["entries"]:
            for row in entry.change_rows:
                self.assert_readable(row, entry.changes[row["field"]])

    def assert_readable(self, row, change) -> None:
        assert row["label"] != row["field"], f"字段 {row['field']} 没有中文名称"
        if isinstance(change, dict) and "after" not in change:
            assert not any(key in row["after"] for key in change), f"{row['label']}：{row['after']}"
        field = self.meta.get_field(row["field"])
        if isinstance(field, ForeignObjectRel) or not isinstance(change, dict) or "after" not in change:
            return
        assert row["label"] == str(field.verbose_name)
        for side in ("before", "after"):
            stored = change[side]
            if stored in (None, ""):
                continue
            if field.is_relation:
                assert row[side] != str(stored), f"{row['label']} 显示为编号 {stored}"
            elif field.choices:
                assert row[side] == str(dict(field.flatchoices)[stored]), f"{row['label']} 显示为代码 {stored}"
