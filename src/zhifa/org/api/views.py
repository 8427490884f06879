"""API viewsets of the organisation context (same permission gate and filters as the screens)."""

from zhifa.core.api.views import ZhifaModelViewSet, ZhifaReadOnlyModelViewSet

from .. import filtersets
from ..models import Region, Role, ScopeGrant, Unit, User
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
