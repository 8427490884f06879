"""Table of the officer list."""

from __future__ import annotations

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html

from zhifa.core.tables import ZhifaTable

from ..models.officers import CertificateStatus, Officer
from ..services.officers import REMINDER_DAYS

VALIDITY_BADGES = {"有效": "bg-green-lt", "即将到期": "bg-yellow-lt", "已过期": "bg-red-lt", "未生效": "bg-secondary-lt"}


def validity_text(officer: Officer, today=None) -> str:
    """``有效`` / ``即将到期（N天）`` / ``已过期`` / ``未生效`` / the withdrawal status, for today."""
    today = today or timezone.localdate()
    if officer.status != CertificateStatus.ACTIVE:
        return officer.get_status_display()
    if today < officer.issued_on:
        return "未生效"
    days = officer.days_to_expiry(today)
    if days < 0:
        return "已过期"
    if days <= REMINDER_DAYS:
        return f"即将到期（{days}天）"
    return "有效"


class OfficerTable(ZhifaTable):
    certificate_number = tables.Column(linkify=True)
    name = tables.Column(verbose_name="姓名", accessor="user__display_name", order_by=("user__display_name",))
    unit = tables.Column(verbose_name="所属单位", accessor="unit", order_by=("unit__name",))
    categories = tables.Column(verbose_name="执法类别")
    validity = tables.Column(verbose_name="有效情况", empty_values=(), orderable=False)

    class Meta(ZhifaTable.Meta):
        model = Officer
        fields = ("pk", "certificate_number", "name", "unit", "categories", "issuing_authority", "issued_on",
                  "expires_on", "status", "validity", "note")
        default_columns = ("certificate_number", "name", "unit", "categories", "expires_on", "status", "validity")

    def render_categories(self, record):
        return "、".join(record.category_labels())

    def value_categories(self, record):
        return "、".join(record.category_labels())

    def render_validity(self, record):
        text = validity_text(record)
        css = VALIDITY_BADGES.get(text.split("（")[0], "bg-red-lt")
        return format_html('<span class="badge {}">{}</span>', css, text)

    def value_validity(self, record):
        return validity_text(record)
