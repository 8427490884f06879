"""Todos, notifications, their email/SMS deliveries, and notices: what the workbench shows (A5, A6)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from ..querysets import RestrictedManager
from ..scoping import UNSCOPED, ScopeSpec
from .base import ZhifaModel


class TodoKind(models.TextChoices):
    TASK = "task", "待办"
    APPROVAL = "approval", "待审批"
    DEADLINE = "deadline", "期限提醒"


class Todo(ZhifaModel):
    """A piece of work waiting for one user, written by any module, with a due date and a link.

    ``source`` points at the object the work is about (a case step, a clue…), so that closing the
    step can close its todos. Todos are not audited (decision 0013): a todo only mirrors work whose
    creation and settlement the owning module records in its own audit rows.
    """

    audited = False
    objects = RestrictedManager()

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
        indexes = [
            models.Index(fields=["assignee", "done_at", "due_at"]),
            models.Index(fields=["source_type", "source_id"]),
        ]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        """True when the todo is still open and its deadline has passed."""
        return self.done_at is None and self.due_at is not None and self.due_at < timezone.now()

    @property
    def days_left(self) -> int | None:
        """Calendar days from today to the due date (local time); negative when overdue."""
        if self.due_at is None:
            return None
        return (timezone.localdate(self.due_at) - timezone.localdate()).days

    @property
    def days_overdue(self) -> int:
        """Whole calendar days past the due date (0 on the due day itself or when not overdue)."""
        days = self.days_left
        return -days if self.is_overdue and days is not None and days < 0 else 0


class Notification(models.Model):
    """An in-app message to one user (站内通知); email and SMS copies are ``NotificationDelivery`` rows."""

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


class DeliveryChannel(models.TextChoices):
    """External channels a notification is copied to; in-app is the ``Notification`` row itself."""

    EMAIL = "email", "电子邮件"
    SMS = "sms", "短信"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "待发送"  # waiting for a worker (first try or a retry after next_attempt_at)
    SENDING = "sending", "发送中"  # claimed by one worker; reset by the sweep if the worker died
    SENT = "sent", "已发送"
    STORED = "stored", "已存储，未发送"  # taken by a stand-in (the local SMS gateway) that transmits nothing
    FAILED = "failed", "发送失败"  # gave up after the last attempt: shown to administrators
    SKIPPED = "skipped", "未发送"  # the recipient has no address for the channel


class NotificationDelivery(models.Model):
    """One email or SMS copy of a notification, sent after commit by a task and retried on failure.

    The row is the outbox entry: a worker claims it (pending → sending), sends, and marks it sent,
    or puts it back to pending with a later ``next_attempt_at`` until ``attempts`` reaches the limit.
    ``message_id`` is fixed when the row is written, before the first attempt: every copy of the
    delivery carries it (the email's Message-ID, the SMS gateway's idempotency key), so a re-send
    after a worker died mid-send is recognisable as the same message.
    """

    notification = models.ForeignKey(Notification, verbose_name="通知", on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField("渠道", max_length=16, choices=DeliveryChannel.choices)
    address = models.CharField("发送地址", max_length=254, blank=True)
    status = models.CharField("状态", max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    last_error = models.CharField("最近错误", max_length=500, blank=True)
    next_attempt_at = models.DateTimeField("下次尝试时间", default=timezone.now)
    claimed_at = models.DateTimeField("领取时间", null=True, blank=True)
    claimed_by = models.CharField("领取进程", max_length=64, blank=True)
    message_id = models.CharField("消息标识", max_length=255, blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = RestrictedManager()
    scope = ScopeSpec(unit="notification__recipient__unit", owner="notification__recipient")

    class Meta:
        verbose_name = "通知发送记录"
        verbose_name_plural = "通知发送记录"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_channel_display()} → {self.address}"


class SmsStatus(models.TextChoices):
    """The local gateway only keeps messages: nothing reaches a phone."""

    STORED = "stored", "已存储，未发送"


class SmsMessage(models.Model):
    """A text message handed to the local SMS gateway, kept (not sent) so that an administrator can read it.

    ``idempotency_key`` (the delivery's message id) makes a re-sent message land only once.
    """

    phone = models.CharField("手机号", max_length=20, db_index=True)
    text = models.TextField("短信内容")
    sent_at = models.DateTimeField("存储时间", default=timezone.now, db_index=True)
    status = models.CharField("状态", max_length=16, choices=SmsStatus.choices, default=SmsStatus.STORED)
    idempotency_key = models.CharField("幂等键", max_length=255, blank=True)

    objects = RestrictedManager()
    scope = UNSCOPED

    class Meta:
        verbose_name = "短信记录"
        verbose_name_plural = "短信记录"
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_key"], condition=~models.Q(idempotency_key=""), name="sms_idempotency_key_unique"
            )
        ]

    def __str__(self):
        return f"{self.phone}：{self.text[:20]}"


class DigestRun(models.Model):
    """That the deadline digest of one day was sent to one user; the unique row makes it once a day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="+")
    date = models.DateField("日期")
    todo_count = models.PositiveIntegerField("事项数", default=0)
    created_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "期限提醒摘要"
        verbose_name_plural = "期限提醒摘要"
        constraints = [models.UniqueConstraint(fields=["user", "date"], name="digest_run_unique")]

    def __str__(self):
        return f"{self.user} {self.date}"


class Notice(ZhifaModel):
    """A notice (通知公告) published by a unit to its own subtree, with read receipts.

    A notice without ``published_at`` is a draft seen only by its publishers.
    """

    unit = models.ForeignKey("org.Unit", verbose_name="发布单位", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    published_at = models.DateTimeField("发布时间", null=True, blank=True, db_index=True)
    pinned = models.BooleanField("置顶", default=False)

    class Meta:
        verbose_name = "通知公告"
        verbose_name_plural = "通知公告"
        ordering = ["-pinned", "-published_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class NoticeReceipt(models.Model):
    """That a user has read a notice, and when (回执)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField("阅读时间", auto_now_add=True)

    class Meta:
        verbose_name = "阅读回执"
        verbose_name_plural = "阅读回执"
        ordering = ["read_at"]
        constraints = [models.UniqueConstraint(fields=["notice", "user"], name="notice_receipt_unique")]

    def __str__(self):
        return f"{self.user} 已读 {self.notice}"
