"""The table behind the full-text search layer (zhifa.basedata.search)."""

from django.db import models


class SearchEntry(models.Model):
    """One indexed document: normalised text plus its overlapping-bigram tokens.

    ``kind`` names what is indexed (``basedata.article``) and ``object_id`` which row. The tokens
    are indexed by the database: on SQLite by the FTS5 table ``basedata_searchentry_fts`` kept in
    step by triggers, on PostgreSQL by the stored ``search_vector`` column with a GIN index (both
    created in migration 0002, outside the model because they are vendor-specific). A later
    migration that alters this table on SQLite rebuilds it and drops the triggers: recreate them.

    Derived data, rebuilt from the source rows by ``zhifa reindex-laws``; not audited, and only
    ever read through ``zhifa.basedata.search`` with a queryset the permission gate produced.
    """

    kind = models.CharField("类型", max_length=40)
    object_id = models.BigIntegerField("对象编号")
    title = models.TextField("标题（规范化）")
    body = models.TextField("正文（规范化）")
    title_tokens = models.TextField("标题词元")
    body_tokens = models.TextField("正文词元")
    boost = models.FloatField("权重", default=1.0)

    class Meta:
        verbose_name = "检索索引"
        verbose_name_plural = "检索索引"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="basedata_searchentry_unique_object"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}#{self.object_id}"


class SearchStatistics(models.Model):
    """How many documents of a kind are indexed and their total body length.

    BM25 ranking needs the average document length and the document count; reading them here is
    one indexed lookup instead of a scan of every entry per search. ``zhifa.basedata.search``
    keeps the row in step inside the same transaction as each index write, and a full reindex
    recomputes it.
    """

    kind = models.CharField("类型", max_length=40, unique=True)
    documents = models.PositiveIntegerField("文档数", default=0)
    total_length = models.BigIntegerField("正文总长度", default=0)

    class Meta:
        verbose_name = "检索统计"
        verbose_name_plural = "检索统计"

    def __str__(self) -> str:
        return f"{self.kind}: {self.documents}"

    @property
    def average_length(self) -> float:
        return self.total_length / self.documents if self.documents else 1.0
