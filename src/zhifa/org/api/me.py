"""``GET /api/org/me/``: who the API caller is, and what the permission gate lets them do.

Lets an integration check its token: the answer is the token's user, their unit, roles and the
data scopes of each permission — the same source the web pages use, so a token never reaches more
than its user does in the browser.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ..models import ApiToken
from ..scopes import permission_scopes


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


class MeView(APIView):
    """The authenticated caller (token or session)."""

    @extend_schema(responses=MeSerializer, summary="当前调用者身份与权限")
    def get(self, request):
        user = request.user
        data = {
            "id": user.pk,
            "username": user.username,
            "display_name": user.display_name,
            "unit": user.unit,
            "roles": list(user.roles.order_by("code")),
            "is_superuser": user.is_superuser,
            "permissions": {perm: sorted(scopes) for perm, scopes in sorted(permission_scopes(user).items())},
            "authenticated_by": "token" if isinstance(request.auth, ApiToken) else "session",
        }
        return Response(MeSerializer(data).data)
