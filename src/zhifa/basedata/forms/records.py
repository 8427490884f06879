"""The filter form of the record arrival monitor."""

from __future__ import annotations

from django import forms

from zhifa.core.forms import ZhifaForm
from zhifa.org.models import Unit

from ..models.records import RecordKind

PERIODS = (("7", "近7天"), ("30", "近30天"), ("60", "近60天"), ("90", "近90天"))
DEFAULT_PERIOD = 30


class MonitorFilterForm(ZhifaForm):
    """Period, source unit and kind of the arrival monitor; the source choices are the user's scope."""

    period = forms.ChoiceField(label="统计期间", choices=PERIODS, required=False, initial=str(DEFAULT_PERIOD))
    source_unit = forms.ModelChoiceField(label="来源单位", queryset=Unit.objects.none(), required=False)
    kind = forms.ChoiceField(label="记录类型", choices=[("", "全部"), *RecordKind.choices], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_unit"].queryset = Unit.objects.all().restrict(self.user, "view").order_by("name")
