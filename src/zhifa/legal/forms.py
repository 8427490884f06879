"""Forms of the administration pages (holiday calendar, thresholds, import)."""

from __future__ import annotations

import json

from django import forms

from .models import CalendarDay, ThresholdSetting
from .thresholds import SPECS

YES_NO = {"是": True, "否": False}


class CalendarDayForm(forms.ModelForm):
    """Add one holiday or 调休 working day by hand."""

    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


class CalendarImportForm(forms.Form):
    """Upload of a State Council schedule as CSV or XLSX (columns date, kind, name)."""

    file = forms.FileField(label="文件（CSV 或 Excel，表头：日期、类型、名称；类型填“休”或“班”）")
    years = forms.CharField(label="导入年份", required=False, max_length=60,
                            help_text="如 2023；多个年份用逗号分隔。为空时按文件中1月8日至12月24日之间的日期判断")
    force = forms.BooleanField(label="允许改动其他年份的日期", required=False,
                               help_text="文件含导入年份以外的日期（如2023年安排中的2022-12-31）时勾选；只写入这些日期")
    partial = forms.BooleanField(label="本文件只是该年部分安排", required=False,
                                 help_text="勾选后该年仍按“尚未录入”提示，全部录入后可标记为完整")
    dry_run = forms.BooleanField(label="只检查，不导入", required=False)

    def clean_years(self):
        text = (self.cleaned_data.get("years") or "").replace("，", ",").replace("、", ",")
        try:
            years = [int(part) for part in text.split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError("导入年份应为年份数字，如 2023") from None
        return years or None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError("文件不能超过 1 MB")
        if not upload.name.lower().endswith((".csv", ".xlsx", ".xlsm", ".txt")):
            raise forms.ValidationError("只支持 CSV 或 XLSX 文件")
        return upload


class ThresholdSettingForm(forms.ModelForm):
    """A regional or sector override of a threshold; the value is typed as text and parsed."""

    value = forms.CharField(
        label="数值", required=False,
        help_text="金额或天数填整数；是否类填“是”或“否”；脱敏方案填“标准”或“匿名”；留空表示“未设置”",
    )

    class Meta:
        model = ThresholdSetting
        fields = ["key", "effective_from", "region", "sector", "value", "law", "article", "text", "verified", "note"]
        widgets = {"effective_from": forms.DateInput(attrs={"type": "date"})}

    def clean_value(self):
        text = (self.cleaned_data.get("value") or "").strip()
        spec = SPECS.get(self.cleaned_data.get("key") or "")
        if text == "" or spec is None:
            return None
        if spec.kind == "choice":
            by_label = {label.split("（")[0]: value for value, label in spec.choices}
            return by_label.get(text, text)
        if spec.kind == "bool" and text in YES_NO:
            return YES_NO[text]
        try:
            return json.loads(text.lower() if spec.kind == "bool" else text)
        except ValueError:
            raise forms.ValidationError("无法识别的数值") from None
