"""Per-user display preferences of the generic screens (e.g. which table columns to show)."""

from django.conf import settings
from django.db import models


class UserTablePreference(models.Model):
    """The columns one user chose to see in one list table (列设置).

    ``table`` is the table's registry name (``"org.UserTable"``); ``columns`` lists column names in
    display order. Without a row the table shows its default columns.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="table_preferences"
    )
    table = models.CharField("表格", max_length=100)
    columns = models.JSONField("显示列", default=list)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "列表列设置"
        verbose_name_plural = "列表列设置"
        constraints = [models.UniqueConstraint(fields=["user", "table"], name="user_table_preference_unique")]

    def __str__(self):
        return f"{self.user_id} · {self.table}"
