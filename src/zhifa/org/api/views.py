"""API views of the organisation context (same permission gate and filters as the screens).

``GET /api/org/me/`` (``MeView``) lets an integration check its token: the answer is the token's
user, their unit, roles and the data scopes of each permission — the same source the web pages use,
so a token never reaches more than its user does in the browser.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from zhifa.core.api.views import ZhifaModelViewSet, ZhifaReadOnlyModelViewSet

from .. import filtersets
from ..models import ApiToken, Region, Role, ScopeGrant, Unit, User
from ..scopes import permission_scopes
from . import serializers


class RegionViewSet(ZhifaReadOnlyModelViewSet):
    queryset = Region.objects.all()
    serializer_class = serializers.RegionSerializer
    filterset_class = filtersets.RegionFilterSet


class UnitViewSet(ZhifaModelViewSet):
    queryset = Unit.objects.all()
    serializer_class = serializers.UnitSerializer
    filterset_class = filtersets.UnitFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]


class UserViewSet(ZhifaModelViewSet):
    queryset = User.objects.prefetch_related("roles")
    serializer_class = serializers.UserSerializer
    filterset_class = filtersets.UserFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]


class RoleViewSet(ZhifaModelViewSet):
    queryset = Role.objects.prefetch_related("permissions")
    serializer_class = serializers.RoleSerializer
    filterset_class = filtersets.RoleFilterSet


class ScopeGrantViewSet(ZhifaModelViewSet):
    queryset = ScopeGrant.objects.select_related("grantee", "unit", "region")
    serializer_class = serializers.ScopeGrantSerializer
    filterset_class = filtersets.ScopeGrantFilterSet


class MeView(APIView):
    """The authenticated caller (token or session)."""

    @extend_schema(responses=serializers.MeSerializer, summary="当前调用者身份与权限")
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
        return Response(serializers.MeSerializer(data).data)
