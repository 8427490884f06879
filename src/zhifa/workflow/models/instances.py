"""Running procedures: the instance with its serialised state, the open work, the timeline, deputies."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.querysets import RestrictedManager
from zhifa.core.reversing import pk_reverse
from zhifa.core.scoping import ScopeSpec

from ..choices import Action, InstanceStatus, ItemStatus, SignKind, SignMode


class ProcessInstance(ZhifaModel):
    """One run of a procedure version for one subject (a case, a clue…) in one unit.

    Its SpiffWorkflow state lives in ``ProcessState`` (one row, rewritten at every step);
    ``variables`` are the documented business variables that conditions and deadlines read;
    ``people`` maps instance roles (``handlers``: 主办/协办) to user ids for assignment.
    """

    version = models.ForeignKey("workflow.ProcessVersion", verbose_name="流程版本", on_delete=models.PROTECT, related_name="instances")
    unit = models.ForeignKey("org.Unit", verbose_name="办理单位", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("事项", max_length=200)
    originator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发起人", on_delete=models.PROTECT, related_name="+")
    status = models.CharField("状态", max_length=16, choices=InstanceStatus.choices, default=InstanceStatus.RUNNING, db_index=True)
    variables = models.JSONField("业务变量", default=dict, blank=True)
    people = models.JSONField("办案人员", default=dict, blank=True)
    subject_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=64, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    sandbox = models.BooleanField("测试实例", default=False, help_text="草稿模型的试运行，不计入业务")
    ended_at = models.DateTimeField("结束时间", null=True, blank=True)

    scope = ScopeSpec(unit="unit", owner="originator")

    class Meta:
        verbose_name = "流程实例"
        verbose_name_plural = "流程实例"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id"]), models.Index(fields=["version", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return pk_reverse("workflow:processinstance_detail", self.pk)


class ProcessState(models.Model):
    """The serialised SpiffWorkflow state of one instance, without the spec (stored once on its version).

    Kept apart from the instance so that rewriting it at every step is one plain update; what
    happened is recorded by the timeline and the audit rows of the actions, not by this blob.
    """

    instance = models.OneToOneField(ProcessInstance, verbose_name="流程实例", primary_key=True, on_delete=models.CASCADE,
                                    related_name="engine_state")
    data = models.JSONField("流程状态", default=dict)

    class Meta:
        verbose_name = "流程状态"
        verbose_name_plural = "流程状态"

    def __str__(self):
        return f"{self.instance_id}"


class WorkItem(models.Model):
    """One person's share of one step (用户任务) of an instance: what "my todos" lists.

    A step with several people (会签/或签/加签) has one item each. ``owner`` is who the work
    belongs to; ``assignee`` who holds it now (differs while delegated, 委派); ``on_behalf_of`` is
    set when a deputy (委托) holds it for an absent person.
    """

    instance = models.ForeignKey(ProcessInstance, verbose_name="流程实例", on_delete=models.CASCADE, related_name="items")
    task_id = models.CharField("任务标识", max_length=64, db_index=True)
    step_id = models.CharField("环节标识", max_length=64)
    step_name = models.CharField("环节", max_length=100)
    stage = models.CharField("法定环节", max_length=40, blank=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="办理人", on_delete=models.PROTECT, related_name="work_items")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="任务所有人", on_delete=models.PROTECT, related_name="+")
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="代办对象", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("状态", max_length=16, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    sign_mode = models.CharField("办理方式", max_length=16, choices=SignMode.choices, default=SignMode.SINGLE)
    position = models.PositiveIntegerField("顺序", default=0)
    sign_kind = models.CharField("加签方式", max_length=8, choices=SignKind.choices, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name="加签所属", null=True, blank=True, on_delete=models.CASCADE, related_name="added_items"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="加签人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opinion = models.TextField("审批意见", blank=True)
    created_at = models.DateTimeField("到达时间", auto_now_add=True)
    due_at = models.DateTimeField("办理期限", null=True, blank=True)
    deadline_basis = models.JSONField("期限依据", default=list, blank=True)
    completed_at = models.DateTimeField("办理时间", null=True, blank=True)
    warned_at = models.DateTimeField("预警时间", null=True, blank=True)
    escalated_at = models.DateTimeField("上报时间", null=True, blank=True)
    urged_at = models.DateTimeField("最近催办时间", null=True, blank=True)

    objects = RestrictedManager()
    scope = ScopeSpec(unit="instance__unit", owner="assignee")

    class Meta:
        verbose_name = "流程待办"
        verbose_name_plural = "流程待办"
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["assignee", "status", "due_at"], name="workitem_my_todos"),
            models.Index(fields=["instance", "status"], name="workitem_instance_open"),
        ]

    def __str__(self):
        return f"{self.step_name}（{self.assignee}）"

    def get_absolute_url(self):
        return pk_reverse("workflow:workitem_detail", self.pk)


class TimelineEvent(models.Model):
    """One line of an instance's timeline: who did what, when, on which step, and why.

    Names are copied so that the line still reads right after a user is renamed; the opinion
    (审批意见) is what documents print in their approval blocks.
    """

    instance = models.ForeignKey(ProcessInstance, verbose_name="流程实例", on_delete=models.CASCADE, related_name="timeline")
    action = models.CharField("操作", max_length=24, choices=Action.choices)
    step_id = models.CharField("环节标识", max_length=64, blank=True)
    step_name = models.CharField("环节", max_length=100, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField("操作人姓名", max_length=100, blank=True)
    on_behalf_of_name = models.CharField("代办对象", max_length=100, blank=True)
    target_name = models.CharField("对象", max_length=300, blank=True)
    reason = models.TextField("理由", blank=True)
    opinion = models.TextField("审批意见", blank=True)
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    objects = RestrictedManager()
    scope = ScopeSpec(unit="instance__unit", owner=None)

    class Meta:
        verbose_name = "流程记录"
        verbose_name_plural = "流程记录"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.actor_name} {self.get_action_display()} {self.step_name}"


class Deputy(ZhifaModel):
    """A deputy (委托): while ``user`` is absent (``starts_on``–``ends_on``), new work goes to ``deputy``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="委托人", on_delete=models.CASCADE, related_name="deputies")
    deputy = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="受托人", on_delete=models.CASCADE, related_name="+")
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    reason = models.CharField("事由", max_length=200, blank=True)

    scope = ScopeSpec(unit="user__unit", owner="user")

    class Meta:
        verbose_name = "委托代办"
        verbose_name_plural = "委托代办"
        ordering = ["-starts_on"]

    def __str__(self):
        return f"{self.user} → {self.deputy}（{self.starts_on}至{self.ends_on}）"
