"""The small forms of the execution, remedy actions of the case page; they only translate input."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from zhifa.core.forms import ZhifaForm

from ..execution_choices import ArrangementKind, RemedyKind, RemedyOutcome

MSG_INSTALMENT_LINE = "第{line}行应为“缴纳期限 金额”，例如 2027-01-31 1000"
DECISIONS = (("approve", "批准"), ("refuse", "不予批准"))


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    """A date field with the browser's date picker."""
    return forms.DateField(label=label, required=required, help_text=help_text,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


def money_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=14, decimal_places=2)


class ServedForm(ZhifaForm):
    """登记决定书送达."""

    served_on = date_field("送达日期", help_text="当事人收到行政处罚决定书的日期，缴款期限自次日起算十五日")


class PaymentForm(ZhifaForm):
    """登记缴款."""

    paid_on = date_field("缴款日期")
    amount = money_field("缴款金额（元）")
    receipt_number = forms.CharField(label="票据号码", max_length=60)
    note = forms.CharField(label="备注", max_length=300, required=False)


class ArrangementForm(ZhifaForm):
    """申请延期/分期缴纳: a deferral date, or one instalment per line."""

    kind = forms.ChoiceField(label="方式", choices=ArrangementKind.choices)
    applied_on = date_field("当事人申请日期")
    reason = forms.CharField(label="申请理由", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="当事人确有经济困难的情况")
    deferred_to = date_field("延期至", required=False, help_text="延期缴纳时填写")
    instalments = forms.CharField(
        label="分期计划", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="分期缴纳时填写，每行一期：缴纳期限 金额，例如 2027-01-31 1000",
    )

    def clean_instalments(self) -> list[tuple[dt.date, Decimal]]:
        rows = []
        for number, line in enumerate((self.cleaned_data.get("instalments") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = re.split(r"[\s,，]+", line.strip())
            try:
                if len(parts) != 2:
                    raise ValueError(line)
                rows.append((dt.date.fromisoformat(parts[0]), Decimal(parts[1])))
            except (ValueError, InvalidOperation):
                raise ValidationError(MSG_INSTALMENT_LINE.format(line=number)) from None
        return rows


class ArrangementDecisionForm(ZhifaForm):
    """审批延期（分期）缴纳."""

    decision = forms.ChoiceField(label="审批结果", choices=DECISIONS, widget=forms.RadioSelect)
    opinion = forms.CharField(label="审批意见", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class ReminderForm(ZhifaForm):
    """催告."""

    served_on = date_field("催告书送达日期")
    content = forms.CharField(label="催告内容", widget=forms.Textarea(attrs={"rows": 5}),
                              help_text="载明履行期限、方式、金额和当事人的陈述申辩权（行政强制法第35条）")


class CourtForm(ZhifaForm):
    """申请人民法院强制执行."""

    applied_on = date_field("申请日期")
    court_name = forms.CharField(label="受理法院", max_length=100)


class EndForm(ZhifaForm):
    """终结执行."""

    ended_on = date_field("终结执行日期")
    reason = forms.CharField(label="终结执行原因", max_length=300,
                             help_text="行政强制法第40条的情形，如：当事人死亡，无遗产可供执行，又无义务承受人")


class ConfiscatedForm(ZhifaForm):
    """登记罚没物品."""

    name = forms.CharField(label="物品名称", max_length=200)
    quantity = forms.DecimalField(label="数量", max_digits=14, decimal_places=3)
    unit_name = forms.CharField(label="计量单位", max_length=20)
    note = forms.CharField(label="备注", max_length=300, required=False)


class RemedyForm(ZhifaForm):
    """登记复议/诉讼."""

    kind = forms.ChoiceField(label="救济方式", choices=RemedyKind.choices)
    applied_on = date_field("申请（起诉）日期")
    organ = forms.CharField(label="复议机关/受理法院", max_length=100)
    accepted_on = date_field("受理日期", required=False)
    note = forms.CharField(label="备注", max_length=500, required=False)


class RemedyConclusionForm(ZhifaForm):
    """登记复议（诉讼）结果."""

    concluded_on = date_field("审结日期")
    outcome = forms.ChoiceField(label="结果", choices=RemedyOutcome.choices)
    note = forms.CharField(label="备注", max_length=500, required=False)
