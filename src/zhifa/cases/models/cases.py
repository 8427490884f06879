"""The punishment case (行政处罚案件), its parties and its officers."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from zhifa.core.models import ZhifaModel
from zhifa.core.reversing import pk_reverse
from zhifa.core.scoping import ScopeSpec

from ..choices import (
    CaseSource,
    CaseStatus,
    DecisionKind,
    NoPenaltyGround,
    OfficerRole,
    PartyType,
    ProcedureKind,
)


class Case(ZhifaModel):
    """One punishment case of a unit, from registration (登记) to closure.

    ``number`` stays empty until the case is filed (立案); the numbering service then draws it
    (kind ``case``). A 一般程序 case runs on a process instance of the published
    ``punishment_general`` procedure (``process``); a 简易程序 case is decided on the spot and has none.
    ``cause`` is the name of the chosen ``power`` (the list searches it). The decision of the
    处罚决定 step (its kind, reason and, when no penalty is given, the education record) and the
    outcome of a case that ended early (不予立案, 终止, 撤销立案, 移送: ``outcome_reason``) are
    fields of the case: there is one of each per case. ``search_text`` (number, cause, the parties'
    names and codes) is what the list's ``q`` searches, kept by ``zhifa.cases.search_text``; ``party_names`` and
    ``lead_names`` are what the list shows of the parties and the 主办 officers, kept by
    ``zhifa.cases.listed_names``.
    """

    unit = models.ForeignKey("org.Unit", verbose_name="办案单位", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("案件编号", max_length=60, blank=True, editable=False)
    procedure_type = models.CharField("程序类型", max_length=16, choices=ProcedureKind.choices)
    source = models.CharField("案件来源", max_length=24, choices=CaseSource.choices)
    source_note = models.CharField("来源说明", max_length=300, blank=True)
    cause = models.CharField("案由", max_length=300)
    power = models.ForeignKey("basedata.Power", verbose_name="案由（职权）", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    facts = models.TextField("违法事实", blank=True)
    act_on = models.DateField("违法行为发生日期", null=True, blank=True)
    act_ended_on = models.DateField("违法行为终了日期", null=True, blank=True,
                                    help_text="违法行为有连续或者继续状态的填写")
    serious_harm = models.BooleanField("涉及生命健康安全、金融安全且有危害后果", default=False)
    amount_involved = models.DecimalField(
        "涉案金额（元）", max_digits=14, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    discretion_standard = models.ForeignKey(
        "basedata.DiscretionStandard", verbose_name="适用的裁量基准", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    discretion_circumstance = models.CharField("裁量情节", max_length=60, blank=True)
    suggested_fine_min = models.DecimalField("建议罚款下限（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    suggested_fine_max = models.DecimalField("建议罚款上限（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    deviation_reason = models.TextField("偏离裁量基准的理由", blank=True)
    fine_amount = models.DecimalField(
        "罚款金额（元）", max_digits=14, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    party_type = models.CharField("当事人类型", max_length=16, choices=PartyType.choices)
    filed_on = models.DateField("立案日期", null=True, blank=True)
    notified_on = models.DateField("告知日期", null=True, blank=True)
    notice_waived = models.BooleanField("当事人书面放弃陈述申辩", default=False)
    notified_fine_amount = models.DecimalField("告知的拟罚款金额（元）", max_digits=14, decimal_places=2,
                                               null=True, blank=True)
    hearing_right = models.BooleanField("已告知听证权利", default=False)
    decision_kind = models.CharField("决定类型", max_length=16, choices=DecisionKind.choices, blank=True)
    decision_reason = models.TextField("决定理由", blank=True)
    no_penalty_ground = models.CharField("不予行政处罚的情形", max_length=20, choices=NoPenaltyGround.choices,
                                         blank=True)
    education_on = models.DateField("教育日期", null=True, blank=True)
    education_content = models.TextField("教育内容", blank=True)
    education_officer = models.ForeignKey("basedata.Officer", verbose_name="教育执法人员", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField("决定日期", null=True, blank=True)
    onsite_collected = models.BooleanField("当场收缴罚款", default=False)
    payment_instructions = models.TextField("缴款方式", blank=True)
    simple_filed_on = models.DateField("备案日期", null=True, blank=True)
    outcome_reason = models.TextField("不予立案、终止、撤销或移送的理由", blank=True)
    status = models.CharField("状态", max_length=16, choices=CaseStatus.choices, default=CaseStatus.REGISTERED)
    process = models.OneToOneField(
        "workflow.ProcessInstance", verbose_name="办案流程", null=True, blank=True, on_delete=models.PROTECT,
        related_name="case",
    )
    search_text = models.TextField("检索文本", blank=True, default="", editable=False)
    party_names = models.TextField("当事人", blank=True, default="", editable=False)
    lead_names = models.TextField("主办人员", blank=True, default="", editable=False)

    scope = ScopeSpec(unit="unit", owner="created_by")
    search_grams = ("search_text",)  # q's gram index (zhifa.core.search_grams)
    search_grams_unit = "unit"  # and its grams per unit (zhifa.core.search_grams)
    audit_exclude = ("updated_at", "search_text", "party_names", "lead_names")  # derived from the audited rows

    class Meta:
        verbose_name = "行政处罚案件"
        verbose_name_plural = "行政处罚案件"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["number"], condition=~Q(number=""), name="cases_case_number_unique"),
        ]
        indexes = [
            # A status or a 立案 date range of one unit, with the list's other usual filters and its order
            # after them: counted and cut from the index alone (SQLite otherwise read ≈ 6,000 table rows a page).
            models.Index(fields=["unit", "status", "procedure_type", "filed_on", "created_at"],
                         name="cases_case_unit_status"),
            # The case list: newest first, for everyone, per unit and per owner (the data scopes).
            models.Index(fields=["-created_at", "-id"], name="cases_case_recent"),
            # The list's usual filters ride at the end: they are checked in the index, not in the table.
            models.Index(fields=["unit", "-created_at", "-id", "procedure_type", "status", "filed_on"],
                         name="cases_case_unit_recent"),
            # One status of one unit in the list's order (the usual filter of an officer's list): the page is cut
            # and the matches counted along it, the other usual filters checked in the index.
            models.Index(fields=["unit", "status", "-created_at", "-id", "procedure_type", "filed_on"],
                         name="cases_case_unit_status_recent"),
            models.Index(fields=["created_by", "-created_at", "-id"], name="cases_case_owner_recent"),
            models.Index(fields=["unit", "filed_on", "procedure_type", "status", "created_at"],
                         name="cases_case_unit_filed"),
        ]

    def __str__(self):
        return self.number or f"{self.cause}（未立案）"

    def get_absolute_url(self):
        return pk_reverse("cases:case_detail", self.pk)


class CaseParty(ZhifaModel):
    """A party (当事人) of a case: always a record of the objects library, never a second copy."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="parties")
    inspected_object = models.ForeignKey(
        "basedata.InspectedObject", verbose_name="当事人", on_delete=models.PROTECT, related_name="case_parties"
    )

    scope = ScopeSpec(unit="case__unit", owner="created_by")

    class Meta:
        verbose_name = "案件当事人"
        verbose_name_plural = "案件当事人"
        ordering = ["case", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "inspected_object"], name="cases_party_once")]

    def __str__(self):
        return str(self.inspected_object)


class CaseOfficer(ZhifaModel):
    """An officer handling a case, 主办 or 协办; the certificate is checked when assigned and at decision."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="officers")
    officer = models.ForeignKey("basedata.Officer", verbose_name="执法人员", on_delete=models.PROTECT, related_name="+")
    role = models.CharField("分工", max_length=16, choices=OfficerRole.choices)

    scope = ScopeSpec(unit="case__unit", owner="created_by")

    class Meta:
        verbose_name = "办案人员"
        verbose_name_plural = "办案人员"
        ordering = ["case", "pk"]  # 主办 first: registered before the 协办
        constraints = [models.UniqueConstraint(fields=["case", "officer"], name="cases_officer_once")]
        # an officer's cases (the 办案人员 filter) from the index alone
        indexes = [models.Index(fields=["officer", "case"], name="cases_officer_cases")]

    def __str__(self):
        return f"{self.get_role_display()}：{self.officer}"
