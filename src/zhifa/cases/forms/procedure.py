"""Forms of the procedure actions on a case; each only collects input, the services decide.

Each knows the acting user (``ZhifaForm``), as the one action view builds every action's form.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from zhifa.basedata.models import Officer, Power
from zhifa.core.forms import ZhifaForm
from zhifa.basedata.models.powers import PowerKind

from ..choices import DecisionKind, EvidenceKind, NoPenaltyGround, SideKind, SpeakerRole

MSG_ENTRY_LINE = "第 {n} 行格式应为“身份｜发言人｜发言内容”，身份为{roles}之一"
ROLES_BY_LABEL = {label: value for value, label in SpeakerRole.choices}


def date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


def officers_field(label: str, queryset, required: bool = True) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=label, queryset=queryset.select_related("user"), required=required)


class RecordForm(ZhifaForm):
    """案件信息: 案由 from the power list, facts, dates, amounts, discretion."""

    power = forms.ModelChoiceField(label="案由（职权）", queryset=Power.objects.none(), required=False)
    facts = forms.CharField(label="违法事实", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    act_on = date_field("违法行为发生日期", required=False)
    act_ended_on = date_field("违法行为终了日期", required=False)
    serious_harm = forms.BooleanField(label="涉及生命健康安全、金融安全且有危害后果", required=False)
    amount_involved = forms.DecimalField(label="涉案金额（元）", min_value=0, decimal_places=2, initial=0)
    fine_amount = forms.DecimalField(label="拟罚款金额（元）", min_value=0, decimal_places=2, initial=0)
    circumstance = forms.CharField(label="裁量情节（违法程度）", max_length=60, required=False,
                                   help_text="与适用的自由裁量基准的阶次一致，例如“一般”")
    deviation_reason = forms.CharField(label="偏离裁量基准的理由", widget=forms.Textarea(attrs={"rows": 2}),
                                       required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["power"].queryset = Power.objects.restrict(self.user, "view").filter(kind=PowerKind.PENALTY,
                                                                                   is_active=True)


class EvidenceForm(ZhifaForm):
    """One item of the evidence list, with its file."""

    name = forms.CharField(label="证据名称", max_length=200)
    kind = forms.ChoiceField(label="证据种类", choices=EvidenceKind.choices)
    collected_on = date_field("收集日期")
    collected_by = forms.ModelChoiceField(label="收集人", queryset=Officer.objects.none())
    note = forms.CharField(label="证明对象", max_length=300, required=False)
    uploaded_file = forms.FileField(label="证据文件", required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collected_by"].queryset = case_officers(case)


def case_officers(case):
    """The officers of ``case`` (主办 first)."""
    return Officer.objects.filter(pk__in=case.officers.values("officer")).select_related("user")


class NoticeForm(ZhifaForm):
    """行政处罚告知书 served (or the written waiver)."""

    served_on = date_field("告知书送达日期")
    waived = forms.BooleanField(label="当事人书面放弃陈述、申辩", required=False)


class HearingRequestForm(ZhifaForm):
    requested_on = date_field("申请听证日期")


class HearingScheduleForm(ZhifaForm):
    presiding_officer = forms.ModelChoiceField(label="听证主持人", queryset=Officer.objects.none(),
                                               help_text="须是非本案调查人员")
    notice_served_on = date_field("听证通知送达日期")
    scheduled_on = date_field("听证日期")
    place = forms.CharField(label="听证地点", max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presiding_officer"].queryset = Officer.objects.restrict(self.user, "view").select_related("user")


class HearingMinutesForm(ZhifaForm):
    held_on = date_field("举行日期")
    entries = forms.CharField(
        label="听证笔录", widget=forms.Textarea(attrs={"rows": 10}),
        help_text="每行一条发言：身份｜发言人｜发言内容；身份为主持人、调查人员、当事人、代理人、书记员之一",
    )

    def clean_entries(self) -> list[dict]:
        rows = []
        for n, line in enumerate((line for line in self.cleaned_data["entries"].splitlines() if line.strip()), 1):
            parts = [p.strip() for p in line.replace("|", "｜").split("｜", 2)]
            if len(parts) != 3 or parts[0] not in ROLES_BY_LABEL:
                raise ValidationError(MSG_ENTRY_LINE.format(n=n, roles="、".join(ROLES_BY_LABEL)))
            rows.append({"role": ROLES_BY_LABEL[parts[0]], "speaker": parts[1], "text": parts[2]})
        return rows


class HearingReportForm(ZhifaForm):
    conclusion = forms.CharField(label="听证结论", widget=forms.Textarea(attrs={"rows": 4}))
    suggestion = forms.CharField(label="处理意见", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DecisionForm(ZhifaForm):
    """What the 处罚决定 step decides."""

    kind = forms.ChoiceField(label="决定类型", choices=DecisionKind.choices)
    fine_amount = forms.DecimalField(label="罚款金额（元）", min_value=0, decimal_places=2, initial=0)
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             help_text="减轻、不予处罚或免除处罚时必填")
    deviation_reason = forms.CharField(label="偏离裁量基准的理由", widget=forms.Textarea(attrs={"rows": 2}),
                                       required=False)
    ground = forms.ChoiceField(label="不予行政处罚的情形", choices=[("", "—")] + NoPenaltyGround.choices,
                               required=False, help_text="不予行政处罚时必选，决定书载明该情形及其法律依据")
    education_on = date_field("教育日期", required=False)
    education_content = forms.CharField(label="教育内容", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                        help_text="不予行政处罚的，应当对当事人进行教育（行政处罚法第33条第3款）")
    education_officer = forms.ModelChoiceField(label="教育执法人员", queryset=Officer.objects.none(), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["education_officer"].queryset = case_officers(case)


class SideRequestForm(ZhifaForm):
    """A side procedure request; only the fields of its kind are shown."""

    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))
    days = forms.IntegerField(label="延长天数", min_value=1)
    old_officer = forms.ModelChoiceField(label="原承办人", queryset=Officer.objects.none())
    new_officer = forms.ModelChoiceField(label="新承办人", queryset=Officer.objects.none())
    transfer_to = forms.CharField(label="移送机关", max_length=200)

    KIND_FIELDS = {SideKind.EXTENSION: ("days",), SideKind.OFFICER_CHANGE: ("old_officer", "new_officer"),
                   SideKind.TRANSFER: ("transfer_to",)}

    def __init__(self, *args, kind, case, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("days", "old_officer", "new_officer", "transfer_to"):
            if name not in self.KIND_FIELDS.get(kind, ()):
                del self.fields[name]
        if "old_officer" in self.fields:
            self.fields["old_officer"].queryset = case_officers(case)
            self.fields["new_officer"].queryset = Officer.objects.restrict(self.user, "view").select_related("user")


class SideDecideForm(ZhifaForm):
    """A leader's approval of a pending side procedure."""

    side = forms.ModelChoiceField(label="待审批事项", queryset=None)
    approved = forms.TypedChoiceField(label="审批结论", choices=(("1", "批准"), ("0", "不予批准")),
                                      coerce=lambda v: v == "1")
    opinion = forms.CharField(label="审批意见", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].queryset = case.side_procedures.filter(status="pending")


class SimpleFileForm(ZhifaForm):
    filed_on = date_field("备案日期")
