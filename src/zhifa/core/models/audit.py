"""The append-only, hash-chained audit trail (A4 全程留痕)."""

import hashlib
import json

from django.db import models


class AuditAction(models.TextChoices):
    """What an audit row records."""

    CREATE = "create", "新增"
    UPDATE = "update", "修改"
    DELETE = "delete", "删除"
    READ = "read", "查看个人信息"
    EXPORT = "export", "导出"
    IMPORT = "import", "导入"
    LOGIN = "login", "登录"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOGOUT = "logout", "退出"
    ACTION = "action", "业务操作"


class AuditChainHead(models.Model):
    """The single row that holds the end of the chain; locked while a new entry is appended."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = "审计链头"

    def __str__(self):
        return f"#{self.last_seq}"


class AuditEntry(models.Model):
    """One audit row: who did what to which object, from where, with before/after values.

    Rows are never updated or deleted by the application. Each row carries the hash of its
    predecessor and its own hash over its content, so that ``zhifa audit verify`` detects any
    later edit, deletion or insertion and names the first broken row.
    """

    seq = models.BigIntegerField("序号", unique=True)
    timestamp = models.DateTimeField("时间", db_index=True)
    user_id_copy = models.BigIntegerField("用户ID", null=True, blank=True, db_index=True)
    username = models.CharField("用户名", max_length=150, blank=True)
    user_display = models.CharField("操作人", max_length=150, blank=True)
    unit_id_copy = models.BigIntegerField("单位ID", null=True, blank=True, db_index=True)
    channel = models.CharField("渠道", max_length=16)
    ip = models.CharField("IP地址", max_length=64, blank=True)
    request_id = models.CharField("请求号", max_length=64, blank=True, db_index=True)
    action = models.CharField("操作", max_length=16, choices=AuditAction.choices)
    object_type = models.CharField("对象类型", max_length=100, blank=True, db_index=True)
    object_id = models.CharField("对象ID", max_length=64, blank=True, db_index=True)
    object_repr = models.CharField("对象", max_length=300, blank=True)
    changes = models.JSONField("变更内容", default=dict, blank=True)
    message = models.CharField("说明", max_length=500, blank=True)
    prev_hash = models.CharField("前序哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64)

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self):
        return f"#{self.seq} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("审计记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("审计记录不能删除")

    def canonical(self) -> str:
        """The content covered by the hash, as canonical JSON (stable across databases)."""
        return json.dumps(
            {
                "seq": self.seq,
                "timestamp": self.timestamp.isoformat(timespec="microseconds"),
                "user": self.user_id_copy,
                "username": self.username,
                "user_display": self.user_display,
                "unit": self.unit_id_copy,
                "channel": self.channel,
                "ip": self.ip,
                "request_id": self.request_id,
                "action": self.action,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "object_repr": self.object_repr,
                "changes": self.changes,
                "message": self.message,
            },
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def compute_hash(self) -> str:
        return hashlib.sha256((self.prev_hash + self.canonical()).encode()).hexdigest()
