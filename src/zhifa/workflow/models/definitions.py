"""Procedures (流程) and their versions: the BPMN file as uploaded and its parsed, serialised spec."""

from django.conf import settings
from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.reversing import pk_reverse
from zhifa.core.scoping import UNSCOPED

from ..choices import VersionStatus
from ..requirements import ProcedureType


class ProcessDefinition(ZhifaModel):
    """A procedure such as 一般程序行政处罚, identified by the BPMN process id (``key``).

    Its versions hold the models; new instances start on the newest published version.
    """

    key = models.SlugField("流程标识", max_length=64, unique=True, help_text="BPMN 文件中 process 元素的 id")
    name = models.CharField("流程名称", max_length=100)
    procedure_type = models.CharField(
        "程序类型", max_length=40, choices=ProcedureType.choices, default=ProcedureType.APPROVAL,
        help_text="决定发布时必须包含哪些法定环节",
    )
    description = models.CharField("说明", max_length=300, blank=True)

    scope = UNSCOPED

    class Meta:
        verbose_name = "流程"
        verbose_name_plural = "流程"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return pk_reverse("workflow:processdefinition_detail", self.pk)

    def current_version(self):
        """The newest published version, or ``None`` when nothing is published yet."""
        return self.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()


class ProcessVersion(ZhifaModel):
    """One numbered version of a procedure's BPMN model.

    ``spec`` is the SpiffWorkflow serialisation of the parsed process, stored once per version so
    that instances store only their own state. A running instance keeps its version to the end.
    """

    definition = models.ForeignKey(ProcessDefinition, verbose_name="流程", on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    status = models.CharField("状态", max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    bpmn_xml = models.TextField("BPMN 模型")
    spec = models.JSONField("解析后的模型", default=dict, editable=False)
    note = models.CharField("版本说明", max_length=300, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发布人", null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )

    scope = UNSCOPED
    audit_exclude = ("updated_at", "spec")

    class Meta:
        verbose_name = "流程版本"
        verbose_name_plural = "流程版本"
        ordering = ["definition", "-number"]
        constraints = [models.UniqueConstraint(fields=["definition", "number"], name="process_version_unique")]

    def __str__(self):
        return f"{self.definition.name} 第{self.number}版"

    def get_absolute_url(self):
        return pk_reverse("workflow:processversion_detail", self.pk)
