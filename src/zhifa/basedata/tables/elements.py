"""Tables of the element lists."""

from __future__ import annotations

import django_tables2 as tables

from zhifa.core.tables import ZhifaTable

from ..models.elements import CheckItem, Checklist, CheckModule, Phrase


class PhraseTable(ZhifaTable):
    text = tables.Column(linkify=True)

    class Meta(ZhifaTable.Meta):
        model = Phrase
        fields = ("pk", "text", "field_key", "order", "unit", "created_at")
        default_columns = ("text", "field_key", "order", "unit")


class CheckModuleTable(ZhifaTable):
    name = tables.Column(linkify=True)

    class Meta(ZhifaTable.Meta):
        model = CheckModule
        fields = ("pk", "name", "sector", "unit", "created_at")
        default_columns = ("name", "sector", "unit")


class CheckItemTable(ZhifaTable):
    content = tables.Column(linkify=True)

    class Meta(ZhifaTable.Meta):
        model = CheckItem
        fields = ("pk", "content", "module", "answer_type", "photo_required", "basis_article", "order")
        default_columns = ("content", "module", "answer_type", "photo_required", "order")


class ChecklistTable(ZhifaTable):
    name = tables.Column(linkify=True)

    class Meta(ZhifaTable.Meta):
        model = Checklist
        fields = ("pk", "name", "sector", "unit", "created_at")
        default_columns = ("name", "sector", "unit")
