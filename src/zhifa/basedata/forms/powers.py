"""Forms of the power screens (edit, bulk edit, import) and the adapter to the power services."""

from __future__ import annotations

from django import forms

from zhifa.core.forms import BulkEditForm, CodeListField, LookupChoiceField, ZhifaImportForm, ZhifaModelForm
from zhifa.core.views.generic import ModelService, register_model_service
from zhifa.org.models import Unit

from ..models.powers import BasisRole, Power, PowerKind
from ..services.powers import REASON_CREATED, power_create, power_update
from .article_picker import ArticleCitationsField, ArticlePickerField


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
            power=instance, changed_by=user, basis=data.get("basis"), citations=data.get("citations"),
            subjects=data.get("subjects"), reason=data.get("change_reason") or REASON_CREATED,
        )

    def update(self, instance, *, data: dict, user):
        return power_update(
            power=instance, reason=data.get("change_reason", ""), changed_by=user, basis=data.get("basis"),
            citations=data.get("citations"), subjects=data.get("subjects"),
        )


#: The form field holding the articles of each role.
ROLE_FIELDS = {BasisRole.VIOLATED: "violated_basis", BasisRole.PENALTY: "penalty_basis"}
MSG_BOTH_ROLES = "{article}不能同时作为违反的规定和处罚依据"


class CitationRolesMixin:
    """A power form whose articles come in one field per role; ``clean`` gives the service ``citations``."""

    def limit_citations(self) -> None:
        for name in ROLE_FIELDS.values():
            self.fields[name].limit_to(self.user)

    def clean(self):
        data = super().clean()
        citations = [(article, role) for role, name in ROLE_FIELDS.items() for article in data.get(name) or []]
        articles = [article for article, _ in citations]
        twice = next((article for article in articles if articles.count(article) > 1), None)
        if twice is not None:
            self.add_error(ROLE_FIELDS[BasisRole.PENALTY], MSG_BOTH_ROLES.format(article=twice.citation()))
        data["citations"] = citations
        return data


class PowerForm(CitationRolesMixin, ZhifaModelForm):
    """Create or change a power; its legal basis is chosen with the article picker, one per role
    (违反的规定, 处罚依据), so the documents of its cases cite each article in its place."""

    violated_basis = ArticlePickerField(label="法律依据：违反的规定", required=False,
                                        help_text="当事人违反的法律、法规、规章条款")
    penalty_basis = ArticlePickerField(label="法律依据：处罚依据", required=False,
                                       help_text="据以作出处罚的条款，通常在“法律责任”一章")

    class Meta:
        model = Power
        fields = ("code", "name", "kind", "subjects", "time_limit_days", "unit", "is_active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_citations()
        if self.instance.pk and not self.is_bound:
            for row in self.instance.citations.select_related("article"):
                self.initial.setdefault(ROLE_FIELDS[row.stated_role], []).append(row.article_id)


class PowerBulkEditForm(BulkEditForm):
    """Set the type, the time limit or the validity of several powers at once."""

    model = Power
    kind = forms.ChoiceField(label="职权类别", choices=PowerKind.choices)
    time_limit_days = forms.IntegerField(label="办理时限（日）", min_value=1)


class PowerImportForm(CitationRolesMixin, ZhifaImportForm):
    """One row of a power import: maintaining unit by name, subjects by name (several separated by 、), the
    articles of each role as citations; a row with both citation cells empty leaves a power's basis as it is."""

    unit = LookupChoiceField(Unit.objects.all(), label="维护单位")
    subjects = CodeListField(Unit.objects.all(), to_field_name="name", label="实施主体", required=False,
                             help_text="多个用顿号分隔")
    violated_basis = ArticleCitationsField(label="违反的规定", required=False,
                                           help_text="多个用顿号分隔，例如《市容环卫条例》第十四条")
    penalty_basis = ArticleCitationsField(label="处罚依据", required=False,
                                          help_text="多个用顿号分隔，例如《市容环卫条例》第三十六条")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_citations()

    def clean(self):
        data = super().clean()
        if not data["citations"]:
            del data["citations"]
        return data

    class Meta:
        model = Power
        fields = ("code", "name", "kind", "subjects", "time_limit_days", "unit")
        help_texts = {"kind": "例如“行政处罚”“行政检查”", "time_limit_days": "自然日数，可空"}
