"""The hearing of a 一般程序 case (听证, 行政处罚法第63至65条) and its record."""

from __future__ import annotations

from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.scoping import ScopeSpec

from ..choices import SpeakerRole
from .cases import Case


class Hearing(ZhifaModel):
    """The party's hearing request and, once arranged and held, its notice, date, presiding officer and report.

    One per case: the request is made within the period after 告知 (第64条第1项); the presiding
    officer is not one of the case's investigators (第64条第4项); the notice reaches the party at
    least seven working days before the hearing (第64条第2项); the decision waits for the report (第65条).
    """

    case = models.OneToOneField(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="hearing")
    requested_on = models.DateField("申请听证日期")
    presiding_officer = models.ForeignKey("basedata.Officer", verbose_name="听证主持人", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    notice_served_on = models.DateField("听证通知送达日期", null=True, blank=True)
    scheduled_on = models.DateField("听证日期", null=True, blank=True)
    place = models.CharField("听证地点", max_length=200, blank=True)
    held_on = models.DateField("举行日期", null=True, blank=True)
    conclusion = models.TextField("听证结论", blank=True)
    suggestion = models.TextField("处理意见", blank=True)
    reported_on = models.DateField("听证报告日期", null=True, blank=True)

    scope = ScopeSpec(unit="case__unit", owner="created_by")

    class Meta:
        verbose_name = "听证"
        verbose_name_plural = "听证"
        ordering = ["-requested_on", "-pk"]

    def __str__(self):
        return f"{self.case} 听证"


class HearingRecordEntry(ZhifaModel):
    """One statement in the hearing record (听证笔录): who spoke, in which role, and what was said."""

    hearing = models.ForeignKey(Hearing, verbose_name="听证", on_delete=models.CASCADE, related_name="entries")
    order = models.PositiveIntegerField("顺序")
    role = models.CharField("发言人身份", max_length=16, choices=SpeakerRole.choices)
    speaker = models.CharField("发言人", max_length=60)
    text = models.TextField("发言内容")

    scope = ScopeSpec(unit="hearing__case__unit", owner="created_by")

    class Meta:
        verbose_name = "听证笔录发言"
        verbose_name_plural = "听证笔录"
        ordering = ["hearing", "order", "pk"]

    def __str__(self):
        return f"{self.get_role_display()}{self.speaker}"
