"""Form building blocks shared by every edit, bulk-edit, filter and import screen.

Every form that offers related objects restricts the choices to what the user may view
(``restrict_related_fields``), so a dropdown never reveals another district's units or people.
"""

from __future__ import annotations

import re
from pathlib import Path

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q

from .widgets import TreePicker, parent_attribute

IMPORT_EXTENSIONS = (".xlsx", ".csv")
IMPORT_MAX_BYTES = 10 * 1024 * 1024
LIST_SEPARATORS = re.compile(r"[,，、;；\s]+")
UNCHANGED_LABEL = "（不修改）"
YES_NO_ALL = [("", "全部"), ("true", "是"), ("false", "否")]


EMPTY_CHOICE_LABEL = "请选择…"


def style_fields(form: forms.BaseForm, *, empty_label: str = EMPTY_CHOICE_LABEL) -> None:
    """Give every widget the Tabler/Bootstrap class it needs, and dropdowns a Chinese empty choice."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
            field.empty_label = empty_label
        widget = field.widget
        if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
            css = "form-check-input"
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            css = "form-select"
        elif isinstance(widget, forms.HiddenInput):
            continue
        else:
            css = "form-control"
        classes = widget.attrs.get("class", "").split()
        if css not in classes:
            widget.attrs["class"] = " ".join([*classes, css])


def mark_invalid(form: forms.BaseForm) -> None:
    """Flag the widgets of fields with errors so Tabler shows them in red next to the kept input."""
    for name in form.errors:
        if name in form.fields:
            widget = form.fields[name].widget
            classes = widget.attrs.get("class", "").split()
            if "is-invalid" not in classes:
                widget.attrs["class"] = " ".join([*classes, "is-invalid"])


def _current_pks(instance, name: str) -> list:
    """Primary keys the edited object already points at through ``name`` (kept selectable)."""
    if instance is None or instance.pk is None:
        return []
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return list(getattr(instance, name).values_list("pk", flat=True))
    value = getattr(instance, field.attname, None)
    return [value] if value is not None else []


def restrict_related_fields(form: forms.BaseForm, user) -> None:
    """Limit every related-object field of ``form`` to rows ``user`` may view.

    Values the edited object already holds stay selectable, so editing an object whose parent
    lies outside the user's scope does not fail on a field the user did not touch.
    """
    instance = getattr(form, "instance", None)
    model_fields = {f.name for f in instance._meta.get_fields()} if instance is not None else set()
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not hasattr(queryset, "restrict"):
            continue
        allowed = queryset.restrict(user, "view")
        current = _current_pks(instance, name) if name in model_fields else []
        if current:
            allowed = queryset.filter(Q(pk__in=allowed.values("pk")) | Q(pk__in=current))
        field.queryset = allowed


class ZhifaFormMixin:
    """Tabler styling, restricted related choices and red marks on invalid fields."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        restrict_related_fields(self, user)
        style_fields(self)

    def full_clean(self):
        super().full_clean()
        mark_invalid(self)


class ZhifaForm(ZhifaFormMixin, forms.Form):
    """A plain form that knows the acting user."""


class ZhifaModelForm(ZhifaFormMixin, forms.ModelForm):
    """A model form that knows the acting user; the base of every edit and import form."""


class LookupChoiceField(forms.ModelChoiceField):
    """A related object given by its ID or by a text field such as its name (for imports).

    A name shared by several objects is refused with a request to give the ID instead.
    """

    def __init__(self, queryset, *, lookup_field: str = "name", by_pk: bool = True, **kwargs):
        self.lookup_field = lookup_field
        self.by_pk = by_pk
        super().__init__(queryset, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, self.queryset.model):
            return value
        text = str(value).strip()
        noun = self.queryset.model._meta.verbose_name
        if self.by_pk and text.isdigit():
            found = self.queryset.filter(pk=int(text)).first()
            if found is not None:
                return found
        matches = list(self.queryset.filter(**{self.lookup_field: text})[:2])
        if not matches:
            raise ValidationError("找不到{noun}“{text}”，或无权使用".format(noun=noun, text=text), code="invalid_choice")
        if len(matches) > 1:
            raise ValidationError(
                "有多个名为“{text}”的{noun}，请改填ID".format(text=text, noun=noun), code="ambiguous"
            )
        return matches[0]


class CodeListField(forms.ModelMultipleChoiceField):
    """Several related objects given by code in one cell: ``"officer, leader"`` (for imports)."""

    def __init__(self, queryset, *, to_field_name: str = "code", **kwargs):
        super().__init__(queryset, to_field_name=to_field_name, **kwargs)
        self.error_messages["invalid_choice"] = "“%(value)s”不存在，或无权使用"

    def clean(self, value):
        if isinstance(value, str):
            value = [part for part in LIST_SEPARATORS.split(value.strip()) if part]
        return super().clean(value)


BOOLEAN_WORDS = {"是": "true", "否": "false", "true": "true", "false": "false", "1": "true", "0": "false", "": "false"}


class ZhifaImportForm(ZhifaModelForm):
    """Base of the import forms: one spreadsheet row is one bound form.

    Cells may hold the Chinese label of a choice (``执法机关``) instead of its code, and 是/否 for
    yes/no fields; anything else in a yes/no cell is refused rather than read as "yes". A field
    whose model field has a default may be left out or left empty.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bad_booleans = set()
        defaults = self._model_defaults()
        for name in defaults:
            self.fields[name].required = False
        if not self.is_bound:
            return
        data = dict(self.data.items())
        for name, default in defaults.items():
            if str(data.get(name, "")).strip() == "":
                data[name] = default
        for name, field in self.fields.items():
            if name not in data:
                continue
            text = str(data[name]).strip()
            if isinstance(field, forms.BooleanField):
                if text.lower() not in BOOLEAN_WORDS:
                    self.bad_booleans.add(name)
                data[name] = BOOLEAN_WORDS.get(text.lower(), "")
            elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                labels = {str(label): value for value, label in field.choices}
                data[name] = labels.get(text, text)
        self.data = data

    def _model_defaults(self) -> dict:
        """Model defaults of the form's fields: an empty or missing column takes the default."""
        defaults = {}
        for name in self.fields:
            try:
                model_field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if model_field.has_default() and not model_field.many_to_many:
                defaults[name] = model_field.get_default()
        return defaults

    def clean(self):
        cleaned = super().clean()
        for name in self.bad_booleans:
            self.add_error(name, "请填写“是”或“否”")
        return cleaned


class BulkEditForm(ZhifaForm):
    """Base of the bulk-edit forms: every field optional; an empty field leaves the rows unchanged.

    Subclasses declare ``model`` and their fields; choice fields get a "（不修改）" first option.
    """

    model = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = UNCHANGED_LABEL
            elif isinstance(field, forms.ChoiceField):
                field.choices = [("", UNCHANGED_LABEL), *[c for c in field.choices if c[0] != ""]]

    def changed_values(self) -> dict:
        """The fields the user filled in, i.e. the values to set on every selected row."""
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class UnchangedBooleanField(forms.NullBooleanField):
    """A yes/no field of a bulk-edit form whose empty choice leaves the rows unchanged."""

    widget = forms.Select(choices=[("", UNCHANGED_LABEL), ("true", "是"), ("false", "否")])

    def to_python(self, value):
        return {"true": True, "false": False}.get(str(value).lower())


class ImportFileForm(ZhifaForm):
    """The upload step of an import: one .xlsx or .csv file whose first row holds the column names."""

    file = forms.FileField(label="导入文件", help_text="支持 .xlsx 或 .csv（UTF-8 或 GBK 编码），第一行为列名")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in IMPORT_EXTENSIONS:
            raise ValidationError("文件格式不支持，请上传 .xlsx 或 .csv 文件")
        if upload.size > IMPORT_MAX_BYTES:
            raise ValidationError("文件过大，导入文件不能超过 10 MB")
        return upload


class FilterForm(forms.Form):
    """The form behind every filter card: Tabler-styled widgets; several units, regions or people
    are picked in a searchable tree (``TreePicker``) that names each entry's parent."""

    def __init__(self, *args, fields: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if fields is not None:  # a filterset's filter fields: its own, so not copied again
            self.fields = fields
        for field in self.fields.values():
            if isinstance(field.widget, forms.NullBooleanSelect):  # Django's default reads “未知/是/否”
                field.widget = forms.Select(choices=YES_NO_ALL)
        style_fields(self, empty_label="全部")
        for field in self.fields.values():
            if isinstance(field, forms.ModelMultipleChoiceField):
                parent = parent_attribute(field.queryset.model)
                field.widget = TreePicker()
                if parent and parent not in (field.queryset.query.select_related or {}):
                    field.queryset = field.queryset.select_related(parent)  # joins each parent once
                else:
                    field.widget.choices = field.choices



# --- the notice form (core's own screen) ------------------------------------------------------


class NoticeForm(forms.Form):
    """Title, body and pin of a notice; the publishing unit is the author's unit."""

    title = forms.CharField(
        label="标题",
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        error_messages={"required": "请填写标题", "max_length": "标题不能超过 200 个字"},
    )
    body = forms.CharField(
        label="正文",
        widget=forms.Textarea(attrs={"rows": 12, "class": "form-control"}),
        error_messages={"required": "请填写正文"},
    )
    pinned = forms.BooleanField(label="置顶", required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
