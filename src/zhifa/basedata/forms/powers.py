"""Forms of the power screens (edit, bulk edit, import) and the adapter to the power services."""

from __future__ import annotations

from django import forms

from zhifa.core.forms import BulkEditForm, CodeListField, LookupChoiceField, ZhifaImportForm, ZhifaModelForm
from zhifa.core.views.generic import ModelService, register_model_service
from zhifa.org.models import Unit

from ..models.powers import Power, PowerKind
from ..services.powers import REASON_CREATED, power_create, power_update
from .article_picker import ArticlePickerField


@register_model_service(Power)
class PowerWrites(ModelService):
    """Every generic write of a power (form, bulk edit, import, API) becomes a version with a reason."""

    def extra_fields(self, *, creating: bool) -> dict[str, forms.Field]:
        return {
            "change_reason": forms.CharField(
                label="变更原因", max_length=300, required=not creating, help_text="记入职权版本，例如“依据法律修订调整”"
            ),
        }

    def create(self, instance, *, data: dict, user):
        return power_create(
            power=instance, changed_by=user, basis=data.get("basis"), subjects=data.get("subjects"),
            reason=data.get("change_reason") or REASON_CREATED,
        )

    def update(self, instance, *, data: dict, user):
        return power_update(
            power=instance, reason=data.get("change_reason", ""), changed_by=user, basis=data.get("basis"),
            subjects=data.get("subjects"),
        )


class PowerForm(ZhifaModelForm):
    """Create or change a power; the legal basis is chosen with the article picker."""

    basis = ArticlePickerField(label="法律依据", required=False)

    class Meta:
        model = Power
        fields = ("code", "name", "kind", "basis", "subjects", "time_limit_days", "unit", "is_active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["basis"].limit_to(self.user)


class PowerBulkEditForm(BulkEditForm):
    """Set the type, the time limit or the validity of several powers at once."""

    model = Power
    kind = forms.ChoiceField(label="职权类别", choices=PowerKind.choices)
    time_limit_days = forms.IntegerField(label="办理时限（日）", min_value=1)


class PowerImportForm(ZhifaImportForm):
    """One row of a power import: maintaining unit by name, subjects by name (several separated by 、)."""

    unit = LookupChoiceField(Unit.objects.all(), label="维护单位")
    subjects = CodeListField(Unit.objects.all(), to_field_name="name", label="实施主体", required=False,
                             help_text="多个用顿号分隔")

    class Meta:
        model = Power
        fields = ("code", "name", "kind", "subjects", "time_limit_days", "unit")
        help_texts = {"kind": "例如“行政处罚”“行政检查”", "time_limit_days": "自然日数，可空"}
