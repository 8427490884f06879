"""Table of the inspection-object list (身份证号 and 联系电话 masked by the table base)."""

from __future__ import annotations

import django_tables2 as tables

from zhifa.core.tables import ZhifaTable

from ..models.objects import InspectedObject


class InspectedObjectTable(ZhifaTable):
    name = tables.Column(linkify=True)

    class Meta(ZhifaTable.Meta):
        model = InspectedObject
        fields = ("pk", "name", "kind", "credit_code", "id_number", "legal_representative", "industry_code", "status",
                  "sector", "region", "unit", "registered_address", "business_address", "contact_person", "phone",
                  "established_on", "inspections_count", "cases_count", "complaints_count", "updated_at")
        default_columns = ("name", "kind", "credit_code", "legal_representative", "status", "sector", "region",
                           "inspections_count", "cases_count")
