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
    stay valid); masked fields (``id_number`` …) are masked for users without the model's change
    permission; ``display`` is the object's name as shown in the UI.
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

    def to_representation(self, instance):
        data = super().to_representation(instance)
        model = type(instance)
        for name in masking.masked_fields(model):
            if name in data:
                data[name] = masking.display(self.user, model, name, data[name])
        return data
