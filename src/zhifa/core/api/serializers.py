"""Base serializer of every API resource: restricted related choices, masking, a display string."""

from __future__ import annotations

from django.db.models import Q
from rest_framework import serializers

from zhifa.core import masking


def _restrict(queryset, user, current: list):
    if queryset is None or not hasattr(queryset, "restrict"):
        return queryset
    allowed = queryset.restrict(user, "view")
    if current:
        return queryset.filter(Q(pk__in=allowed.values("pk")) | Q(pk__in=current))
    return allowed


class ZhifaModelSerializer(serializers.ModelSerializer):
    """A model serializer that knows the requesting user.

    Related-object fields accept only objects the user may view (values the object already holds
    stay valid); masked fields (``id_number`` …) are masked unless the unmask permission reaches
    the row (``zhifa.core.masking``); ``display`` is the object's name as shown in the UI.
    """

    display = serializers.SerializerMethodField(label="显示名称")

    def get_display(self, obj) -> str:
        return str(obj)

    @property
    def user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def _current_pks(self, name: str) -> list:
        instance = self.instance
        if instance is None or isinstance(instance, (list, tuple)) or not hasattr(instance, "_meta"):
            return []
        field = instance._meta.get_field(name)
        if field.many_to_many:
            return list(getattr(instance, name).values_list("pk", flat=True))
        value = getattr(instance, field.attname, None)
        return [value] if value is not None else []

    def get_fields(self):
        fields = super().get_fields()
        if self.context.get("request") is None:
            return fields
        for name, field in fields.items():
            if field.read_only:
                continue
            relation = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
            if isinstance(relation, serializers.RelatedField) and relation.queryset is not None:
                current = self._current_pks(field.source or name) if self.instance is not None else []
                relation.queryset = _restrict(relation.queryset, self.user, current)
        return fields

    def unmasking(self, instance) -> masking.Unmasking:
        """The masking rules of ``instance``'s model for the caller, shared by the rows of one answer."""
        cache = self.context.setdefault("_unmasking", {})
        model = type(instance)
        if model not in cache:
            cache[model] = masking.Unmasking(self.user, model)
            parent = self.parent
            if isinstance(parent, serializers.ListSerializer) and isinstance(parent.instance, (list, tuple)):
                cache[model].prime(row for row in parent.instance if isinstance(row, model))
        return cache[model]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        unmasking = self.unmasking(instance)
        for name in unmasking.fields:
            if name in data:
                data[name] = unmasking.value(instance, name, data[name])
        return data
