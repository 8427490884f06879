"""Forms of a discretion standard's draft: power and title, and its levels as an inline formset."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory

from zhifa.legal.catalogue import PENALTY_KINDS

from ..models.discretion import DiscretionLevel, DiscretionStandard
from ..models.powers import Power


class StandardForm(forms.ModelForm):
    """Power and title of a standard; the unit is always the author's own."""

    class Meta:
        model = DiscretionStandard
        fields = ("power", "title")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["power"].queryset = Power.objects.filter(is_active=True).restrict(user, "view")
        if self.instance.pk:
            self.fields["power"].disabled = True


class LevelForm(forms.ModelForm):
    """One level; penalty kinds are ticked from the catalogue of 行政处罚法第9条."""

    penalty_kinds = forms.MultipleChoiceField(label="处罚种类", choices=PENALTY_KINDS, required=False,
                                              widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = DiscretionLevel
        fields = ("circumstance", "condition", "penalty_kinds", "fine_min", "fine_max", "multiple_min",
                  "multiple_max", "multiple_base", "description", "aggravating", "mitigating")
        widgets = {"aggravating": forms.Textarea(attrs={"rows": 2}), "mitigating": forms.Textarea(attrs={"rows": 2})}


def level_formset(extra: int):
    """The inline formset of a standard's levels, with ``extra`` empty rows."""
    return inlineformset_factory(DiscretionStandard, DiscretionLevel, form=LevelForm, extra=extra, can_delete=True)
