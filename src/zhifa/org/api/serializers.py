"""Serializers of the organisation API."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from rest_framework import serializers

from zhifa.core.api.serializers import ZhifaModelSerializer

from ..authority import ACTION_LABELS
from ..forms.administration import MSG_GRANT_TARGET, validate_credit_code, validate_id_number, validate_mobile
from ..models import Region, Role, ScopeGrant, Unit, User


def _django_validator(check):
    """Run a Django-style validator and report its message as a serializer error."""

    def validate(value):
        try:
            check(value)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc

    return validate


class ActionListField(serializers.MultipleChoiceField):
    """The comma-separated ``actions`` of a grant as a JSON list (``["view", "change"]``)."""

    def __init__(self, **kwargs):
        super().__init__(choices=list(ACTION_LABELS.items()), **kwargs)

    def to_representation(self, value):
        return [action for action in value.split(",") if action]

    def to_internal_value(self, data):
        return ",".join(sorted(super().to_internal_value(data)))


class RegionSerializer(ZhifaModelSerializer):
    class Meta:
        model = Region
        fields = ("id", "display", "code", "name", "level", "parent", "path")


class UnitSerializer(ZhifaModelSerializer):
    """A unit; changes are versioned through the unit service and need ``change_reason``."""

    change_reason = serializers.CharField(label="变更原因", write_only=True, required=False, max_length=300)
    effective_on = serializers.DateField(label="生效日期", write_only=True, required=False, allow_null=True)

    class Meta:
        model = Unit
        fields = ("id", "display", "name", "short_name", "kind", "level", "sector", "parent", "region",
                  "credit_code", "number_prefix", "address", "phone", "is_active", "version", "path",
                  "change_reason", "effective_on")
        read_only_fields = ("version", "path")
        extra_kwargs = {"credit_code": {"validators": [_django_validator(validate_credit_code)]}}


class UserSerializer(ZhifaModelSerializer):
    """An account without secrets; ``id_number`` is masked unless the reader's ``org.change_user`` reaches it.

    Writes go through ``zhifa.org.services.users`` (the model service), like the screens'.
    """

    class Meta:
        model = User
        fields = ("id", "display", "username", "display_name", "unit", "department", "title", "phone", "email",
                  "id_number", "roles", "is_active", "last_login")
        read_only_fields = ("last_login",)
        extra_kwargs = {
            "id_number": {"validators": [_django_validator(validate_id_number)]},
            "phone": {"validators": [_django_validator(validate_mobile)]},
        }


class RoleSerializer(ZhifaModelSerializer):
    class Meta:
        model = Role
        fields = ("id", "display", "code", "name", "description", "data_scope", "requires_2fa", "is_builtin",
                  "permissions")
        read_only_fields = ("is_builtin", "permissions")


class ScopeGrantSerializer(ZhifaModelSerializer):
    actions = ActionListField(label="操作")

    class Meta:
        model = ScopeGrant
        fields = ("id", "display", "grantee", "unit", "region", "include_subordinates", "actions", "valid_until",
                  "reason")

    def validate(self, attrs):
        unit = attrs.get("unit", getattr(self.instance, "unit", None))
        region = attrs.get("region", getattr(self.instance, "region", None))
        if unit is None and region is None:
            raise serializers.ValidationError({"unit": MSG_GRANT_TARGET})
        return attrs


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class RoleRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    data_scope = serializers.CharField()


class MeSerializer(serializers.Serializer):
    """The caller's identity and effective permissions (``{"app.codename": [data scopes]}``)."""

    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    unit = UnitRefSerializer(allow_null=True)
    roles = RoleRefSerializer(many=True)
    is_superuser = serializers.BooleanField()
    permissions = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    authenticated_by = serializers.ChoiceField(choices=[("token", "接口令牌"), ("session", "登录会话")])
