"""Todos, notifications and notices: what the workbench shows (A5, A6)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from ..querysets import RestrictedManager
from ..scoping import ScopeSpec
from .base import ZhifaModel


class TodoKind(models.TextChoices):
    TASK = "task", "待办"
    APPROVAL = "approval", "待审批"
    DEADLINE = "deadline", "期限提醒"


class Todo(ZhifaModel):
    """A piece of work waiting for one user, written by any module, with a due date and a link.

    ``source`` points at the object the work is about (a case step, a clue…), so that closing the
    step can close its todos.
    """

    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", on_delete=models.CASCADE, related_name="todos")
    unit = models.ForeignKey("org.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类型", max_length=16, choices=TodoKind.choices, default=TodoKind.TASK)
    title = models.CharField("事项", max_length=200)
    url = models.CharField("链接", max_length=500, blank=True)
    due_at = models.DateTimeField("办理期限", null=True, blank=True, db_index=True)
    done_at = models.DateTimeField("完成时间", null=True, blank=True, db_index=True)
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    source_id = models.CharField(max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    scope = ScopeSpec(unit="unit", owner="assignee")

    class Meta:
        verbose_name = "待办"
        verbose_name_plural = "待办"
        ordering = ["done_at", "due_at", "-created_at"]
        indexes = [models.Index(fields=["assignee", "done_at", "due_at"])]

    def __str__(self):
        return self.title


class Notification(models.Model):
    """An in-app message to one user (站内通知); email and SMS copies go through channels."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=500, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    objects = RestrictedManager()
    scope = ScopeSpec(unit="recipient__unit", owner="recipient")

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title


class Notice(ZhifaModel):
    """A notice (通知公告) published by a unit to its own subtree, with read receipts."""

    unit = models.ForeignKey("org.Unit", verbose_name="发布单位", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    published_at = models.DateTimeField("发布时间", null=True, blank=True, db_index=True)
    pinned = models.BooleanField("置顶", default=False)

    class Meta:
        verbose_name = "通知公告"
        verbose_name_plural = "通知公告"
        ordering = ["-pinned", "-published_at"]

    def __str__(self):
        return self.title


class NoticeReceipt(models.Model):
    """That a user has read a notice, and when (回执)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField("阅读时间", auto_now_add=True)

    class Meta:
        verbose_name = "阅读回执"
        verbose_name_plural = "阅读回执"
        constraints = [models.UniqueConstraint(fields=["notice", "user"], name="notice_receipt_unique")]

    def __str__(self):
        return f"{self.user} 已读 {self.notice}"
