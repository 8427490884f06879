"""The case API: list and detail (read), 登记 and 简易程序决定 through the same services as the screens."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from zhifa.core.api.views import ZhifaReadOnlyModelViewSet, drf_error
from zhifa.core.gate import can_model

from ..filtersets import CaseFilterSet
from ..listing import with_people, with_stage
from ..models import Case
from ..services import case_register, simple_decide
from .serializers import CaseRegisterSerializer, CaseSerializer, SimpleDecideSerializer

MSG_NO_UNIT = "您的账号没有所属单位，不能登记案件"


class MayChangeCases(BasePermission):
    """The 简易程序 decision changes a case: ``cases.change_case`` (the row's scope is checked by the service)."""

    message = "没有权限执行该操作"

    def has_permission(self, request, view):
        return can_model(request.user, "change", Case)


class CaseViewSet(mixins.CreateModelMixin, ZhifaReadOnlyModelViewSet):
    """行政处罚案件: read the cases in the caller's scope; register one; decide a 简易程序 case."""

    queryset = with_people(with_stage(Case.objects.select_related("unit")))
    serializer_class = CaseSerializer
    filterset_class = CaseFilterSet

    def get_queryset(self):
        if self.action == "simple_decide":
            return self.queryset.all().restrict(self.request.user, "change")
        return super().get_queryset()

    @extend_schema(summary="登记案件", request=CaseRegisterSerializer, responses={201: CaseSerializer})
    def create(self, request, *args, **kwargs):
        body = CaseRegisterSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if request.user.unit_id is None:
            raise exceptions.ValidationError({"non_field_errors": [MSG_NO_UNIT]})
        try:
            case = case_register(unit=request.user.unit, actor=request.user, **data)
        except DjangoValidationError as error:
            raise drf_error(error) from None
        return Response(self.get_serializer(with_stage(Case.objects.filter(pk=case.pk)).get()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary="简易程序当场处罚决定", request=SimpleDecideSerializer, responses={200: CaseSerializer})
    @action(detail=True, methods=["post"], url_path="simple-decide",
            permission_classes=[IsAuthenticated, MayChangeCases])
    def simple_decide(self, request, pk=None):
        case = self.get_object()
        body = SimpleDecideSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            case = simple_decide(case=case, actor=request.user, **body.validated_data)
        except DjangoValidationError as error:
            raise drf_error(error) from None
        return Response(self.get_serializer(with_stage(Case.objects.filter(pk=case.pk)).get()).data)
