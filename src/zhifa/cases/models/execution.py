"""Execution of a decision (执行): payments, deferral or instalments, 催告, court application, confiscated goods."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from zhifa.core.models import ZhifaModel
from zhifa.core.scoping import ScopeSpec

from ..execution_choices import ArrangementKind, ArrangementStatus, ExecutionStatus

POSITIVE = [MinValueValidator(Decimal("0.01"))]


class CaseExecution(ZhifaModel):
    """The execution of one decided case: the fine due, its deadline from service, and where it stands.

    ``due_on`` comes from the legal rule ``payment_deadline`` counted from ``served_on`` (the day the
    party received the decision, 行政处罚法第67条第3款); an approved deferral or instalment plan
    (``PaymentArrangement``) replaces it for the amount it covers.
    """

    case = models.OneToOneField("cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="execution")
    fine_amount = models.DecimalField("应缴罚款（元）", max_digits=14, decimal_places=2, validators=POSITIVE)
    served_on = models.DateField("决定书送达日期")
    due_on = models.DateField("缴款期限", editable=False)
    status = models.CharField("执行状态", max_length=16, choices=ExecutionStatus.choices,
                              default=ExecutionStatus.PENDING)
    court_applied_on = models.DateField("申请强制执行日期", null=True, blank=True)
    court_name = models.CharField("受理法院", max_length=100, blank=True)
    ended_on = models.DateField("终结执行日期", null=True, blank=True)
    end_reason = models.CharField("终结执行原因", max_length=300, blank=True)

    scope = ScopeSpec(unit="case__unit", owner="created_by")

    class Meta:
        verbose_name = "案件执行"
        verbose_name_plural = "案件执行"
        ordering = ["case", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="cases_execution_status_due")]

    def __str__(self):
        return f"{self.case}的执行（{self.get_status_display()}）"


class CasePayment(ZhifaModel):
    """One payment by the party (缴款), whole or partial, with its receipt (票据) number."""

    execution = models.ForeignKey(CaseExecution, verbose_name="案件执行", on_delete=models.CASCADE,
                                  related_name="payments")
    paid_on = models.DateField("缴款日期")
    amount = models.DecimalField("缴款金额（元）", max_digits=14, decimal_places=2, validators=POSITIVE)
    receipt_number = models.CharField("票据号码", max_length=60)
    note = models.CharField("备注", max_length=300, blank=True)

    scope = ScopeSpec(unit="execution__case__unit", owner="created_by")

    class Meta:
        verbose_name = "缴款记录"
        verbose_name_plural = "缴款记录"
        ordering = ["execution", "paid_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["execution", "receipt_number"], name="cases_payment_receipt_once"),
        ]

    def __str__(self):
        return f"{self.paid_on} 缴款 {self.amount} 元（票据 {self.receipt_number}）"


class PaymentArrangement(ZhifaModel):
    """The party's application to pay later (延期) or in instalments (分期), and a leader's answer.

    ``amount`` is what the arrangement covers: what was still unpaid when the party applied. A
    deferral moves its deadline to ``deferred_to``; an instalment plan splits it into
    ``PaymentInstalment`` rows. At most one application is pending or approved at a time.
    """

    execution = models.ForeignKey(CaseExecution, verbose_name="案件执行", on_delete=models.CASCADE,
                                  related_name="arrangements")
    kind = models.CharField("方式", max_length=16, choices=ArrangementKind.choices)
    applied_on = models.DateField("当事人申请日期")
    reason = models.TextField("申请理由")
    amount = models.DecimalField("涉及金额（元）", max_digits=14, decimal_places=2, editable=False)
    deferred_to = models.DateField("延期至", null=True, blank=True)
    status = models.CharField("审批状态", max_length=16, choices=ArrangementStatus.choices,
                              default=ArrangementStatus.SUBMITTED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField("审批日期", null=True, blank=True)
    opinion = models.CharField("审批意见", max_length=500, blank=True)

    scope = ScopeSpec(unit="execution__case__unit", owner="created_by")

    class Meta:
        verbose_name = "延期（分期）缴纳罚款"
        verbose_name_plural = "延期（分期）缴纳罚款"
        ordering = ["execution", "pk"]
        permissions = [("approve_paymentarrangement", "审批延期（分期）缴纳罚款")]
        constraints = [
            models.UniqueConstraint(
                fields=["execution"], condition=Q(status__in=["submitted", "approved"]),
                name="cases_arrangement_one_in_force",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}申请（{self.get_status_display()}）"


class PaymentInstalment(ZhifaModel):
    """One instalment (期) of an instalment plan: how much, by when."""

    arrangement = models.ForeignKey(PaymentArrangement, verbose_name="分期缴纳", on_delete=models.CASCADE,
                                    related_name="instalments")
    sequence = models.PositiveSmallIntegerField("期次")
    due_on = models.DateField("缴纳期限")
    amount = models.DecimalField("金额（元）", max_digits=14, decimal_places=2, validators=POSITIVE)

    scope = ScopeSpec(unit="arrangement__execution__case__unit", owner="created_by")

    class Meta:
        verbose_name = "分期缴纳计划"
        verbose_name_plural = "分期缴纳计划"
        ordering = ["arrangement", "sequence"]
        constraints = [models.UniqueConstraint(fields=["arrangement", "sequence"], name="cases_instalment_once")]

    def __str__(self):
        return f"第{self.sequence}期：{self.due_on} 前缴纳 {self.amount} 元"


class ExecutionReminder(ZhifaModel):
    """A written demand to perform (催告书, 行政强制法第35条), required before applying to the court (第54条)."""

    execution = models.ForeignKey(CaseExecution, verbose_name="案件执行", on_delete=models.CASCADE,
                                  related_name="reminders")
    served_on = models.DateField("催告书送达日期")
    content = models.TextField("催告内容")

    scope = ScopeSpec(unit="execution__case__unit", owner="created_by")

    class Meta:
        verbose_name = "催告"
        verbose_name_plural = "催告"
        ordering = ["execution", "served_on", "pk"]

    def __str__(self):
        return f"{self.served_on} 送达催告书"


class ConfiscatedItem(ZhifaModel):
    """Goods confiscated by the decision (罚没物品), noted for the custody ledger of the documents module."""

    case = models.ForeignKey("cases.Case", verbose_name="案件", on_delete=models.CASCADE,
                             related_name="confiscated_items")
    name = models.CharField("物品名称", max_length=200)
    quantity = models.DecimalField("数量", max_digits=14, decimal_places=3, validators=[MinValueValidator(0)])
    unit_name = models.CharField("计量单位", max_length=20)
    note = models.CharField("备注", max_length=300, blank=True)

    scope = ScopeSpec(unit="case__unit", owner="created_by")

    class Meta:
        verbose_name = "罚没物品"
        verbose_name_plural = "罚没物品"
        ordering = ["case", "pk"]

    def __str__(self):
        return f"{self.name} {self.quantity.normalize():f}{self.unit_name}"
