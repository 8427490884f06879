"""Tables of the base-data lists."""

import django_tables2 as tables

from zhifa.core.tables import ZhifaTable

from ..models import Law


class LawTable(ZhifaTable):
    title = tables.Column(linkify=True)
    article_count = tables.Column(verbose_name="条文数", accessor="article_count")

    class Meta(ZhifaTable.Meta):
        model = Law
        fields = ("pk", "title", "short_title", "level", "issuing_body", "region", "promulgated_on", "effective_on",
                  "expires_on", "validity", "superseded_by", "version_date", "article_count")
        default_columns = ("title", "level", "issuing_body", "effective_on", "validity", "article_count")
