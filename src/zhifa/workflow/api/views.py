"""REST endpoints of the process engine: my tasks, task actions, an instance's timeline."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from zhifa.core.api.views import drf_error

from .. import selectors, services
from ..assignment import may_see
from ..models import ProcessInstance, TimelineEvent, WorkItem
from .serializers import ItemActionSerializer, TimelineEventSerializer, WorkItemSerializer


class MyTasksView(generics.ListAPIView):
    """The caller's open work items, nearest deadline first."""

    serializer_class = WorkItemSerializer
    permission_classes = [IsAuthenticated]
    queryset = WorkItem.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WorkItem.objects.none()
        return selectors.my_open_items(self.request.user)


class TaskActionView(APIView):
    """Act on one of the caller's work items: 通过, 退回, 驳回, 转办, 委派, 委派办结, 加签, 减签."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary="办理流程任务", request=ItemActionSerializer, responses={200: WorkItemSerializer(many=True)})
    def post(self, request, pk):
        item = WorkItem.objects.filter(pk=pk).select_related("instance").first()
        if item is None or not may_see(request.user, item.instance):
            raise NotFound()
        body = ItemActionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        user, action = request.user, data["action"]
        try:
            if action == "approve":
                services.approve(item=item, actor=user, opinion=data["opinion"])
            elif action == "return":
                services.return_to(item=item, actor=user, target=data["target"], reason=data["reason"])
            elif action == "reject":
                services.reject(item=item, actor=user, reason=data["reason"])
            elif action in ("transfer", "delegate"):
                if data["user"] is None:
                    raise DjangoValidationError({"user": "请选择人员"})
                getattr(services, action)(item=item, actor=user, to_user=data["user"], reason=data["reason"])
            elif action == "resolve":
                services.resolve(item=item, actor=user, opinion=data["opinion"])
            elif action == "add_sign":
                services.add_sign(item=item, actor=user, users=data["users"], position=data["position"], reason=data["reason"])
            else:
                added = get_object_or_404(WorkItem, pk=data["added_item"] or 0, parent=item)
                services.remove_sign(item=added, actor=user, reason=data["reason"])
        except DjangoValidationError as error:
            raise drf_error(error) from None
        open_items = selectors.my_open_items(user).filter(instance_id=item.instance_id)
        return Response(WorkItemSerializer(open_items, many=True).data)


class TimelineView(generics.ListAPIView):
    """An instance's timeline: who did what, when, on which step, and why."""

    serializer_class = TimelineEventSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TimelineEvent.objects.none()
        instance = get_object_or_404(ProcessInstance.objects.restrict(self.request.user, "view"), pk=self.kwargs["pk"])
        return instance.timeline.all()
