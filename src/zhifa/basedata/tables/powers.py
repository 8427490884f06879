"""Table of the power list."""

from __future__ import annotations

import django_tables2 as tables

from zhifa.core.tables import ZhifaTable

from ..models.powers import Power


class PowerTable(ZhifaTable):
    code = tables.Column(linkify=True)
    name = tables.Column(linkify=True)
    subjects = tables.Column(verbose_name="实施主体", empty_values=(), orderable=False)

    class Meta(ZhifaTable.Meta):
        model = Power
        fields = ("pk", "code", "name", "kind", "subjects", "time_limit_days", "unit", "is_active", "version",
                  "updated_at")
        default_columns = ("code", "name", "kind", "subjects", "time_limit_days", "unit", "version")

    def render_subjects(self, record):
        return "、".join(unit.name for unit in record.subjects.all())

    def value_subjects(self, record):
        return self.render_subjects(record)
