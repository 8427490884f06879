"""Serializers of the case API: the case as read, and the bodies of 登记 and 简易程序决定."""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from zhifa.basedata.models import InspectedObject, Officer
from zhifa.core.api.serializers import ZhifaModelSerializer

from ..choices import CaseSource, ProcedureKind
from ..models import Case, CaseOfficer, CaseParty


class CasePartySerializer(serializers.ModelSerializer):
    """A party: the record of the objects library it is."""

    name = serializers.CharField(source="inspected_object.name", read_only=True, label="名称/姓名")
    kind = serializers.CharField(source="inspected_object.get_kind_display", read_only=True, label="类别")

    class Meta:
        model = CaseParty
        fields = ("inspected_object", "name", "kind")


class CaseOfficerSerializer(serializers.ModelSerializer):
    """An officer of the case with their role (主办/协办)."""

    name = serializers.SerializerMethodField(label="姓名")
    role_display = serializers.CharField(source="get_role_display", read_only=True, label="分工")

    class Meta:
        model = CaseOfficer
        fields = ("officer", "name", "role", "role_display")

    def get_name(self, obj) -> str:
        return obj.officer.user.display_name or obj.officer.user.username


class CaseSerializer(ZhifaModelSerializer):
    """A case as the list and the case page show it (read only: writes go through the service actions)."""

    stage = serializers.CharField(source="stage_name", read_only=True, default="", label="办理环节")
    parties = CasePartySerializer(many=True, read_only=True, label="当事人")
    officers = CaseOfficerSerializer(many=True, read_only=True, label="办案人员")
    unit_name = serializers.CharField(source="unit.name", read_only=True, label="办案单位名称")

    class Meta:
        model = Case
        fields = ("id", "display", "number", "unit", "unit_name", "procedure_type", "source", "source_note", "cause",
                  "facts", "fine_amount", "party_type", "filed_on", "notified_on", "notice_waived", "decided_on",
                  "status", "stage", "process", "parties", "officers", "created_at")
        read_only_fields = fields


class CaseRegisterSerializer(serializers.Serializer):
    """The body of 案件登记 (``POST /api/cases/cases/``)."""

    procedure_type = serializers.ChoiceField(choices=ProcedureKind.choices, label="程序类型")
    source = serializers.ChoiceField(choices=CaseSource.choices, label="案件来源")
    source_note = serializers.CharField(required=False, allow_blank=True, max_length=300, default="", label="来源说明")
    cause = serializers.CharField(max_length=300, label="案由")
    facts = serializers.CharField(required=False, allow_blank=True, default="", label="违法事实")
    parties = serializers.PrimaryKeyRelatedField(many=True, queryset=InspectedObject.objects.all(), label="当事人")
    lead = serializers.PrimaryKeyRelatedField(queryset=Officer.objects.all(), label="主办人员")
    assistants = serializers.PrimaryKeyRelatedField(many=True, queryset=Officer.objects.all(), required=False,
                                                    default=list, label="协办人员")
    fine_amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0"),
                                           required=False, default=Decimal("0"), label="拟罚款金额（元）")
    requires_legal_review = serializers.BooleanField(required=False, default=False, label="须经法制审核")
    requires_collective_discussion = serializers.BooleanField(required=False, default=False, label="须经集体讨论")

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None:
            fields["parties"].child_relation.queryset = InspectedObject.objects.restrict(user, "view")
            officers = Officer.objects.restrict(user, "view")
            fields["lead"].queryset = officers
            fields["assistants"].child_relation.queryset = officers
        return fields


class SimpleDecideSerializer(serializers.Serializer):
    """The body of 简易程序 当场处罚 (``POST /api/cases/cases/{id}/simple-decide/``)."""

    fine_amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0"), label="罚款金额（元）")
    notified = serializers.BooleanField(label="已告知")
    notice_waived = serializers.BooleanField(required=False, default=False, label="当事人书面放弃陈述申辩")
