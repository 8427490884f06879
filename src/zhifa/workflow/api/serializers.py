"""API shapes of the process engine."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from ..choices import SignKind
from ..models import TimelineEvent, WorkItem

ACTIONS = ("approve", "return", "reject", "transfer", "delegate", "resolve", "add_sign", "remove_sign")


class WorkItemSerializer(serializers.ModelSerializer):
    """One open work item of the caller."""

    instance_title = serializers.CharField(source="instance.title", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    instance_id = serializers.IntegerField(read_only=True)

    class Meta:
        model = WorkItem
        fields = ["id", "instance_id", "instance_title", "step_id", "step_name", "stage", "status", "status_display",
                  "sign_mode", "created_at", "due_at", "deadline_basis"]


class TimelineEventSerializer(serializers.ModelSerializer):
    """One line of an instance's timeline."""

    action_display = serializers.CharField(source="get_action_display", read_only=True)

    class Meta:
        model = TimelineEvent
        fields = ["id", "action", "action_display", "step_id", "step_name", "actor_name", "on_behalf_of_name",
                  "target_name", "reason", "opinion", "at"]


class ItemActionSerializer(serializers.Serializer):
    """The body of ``POST /api/workflow/tasks/{id}/actions``."""

    action = serializers.ChoiceField(choices=[(a, a) for a in ACTIONS], error_messages={"invalid_choice": "未知的操作“{input}”"})
    opinion = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    target = serializers.CharField(required=False, default="previous", max_length=64)
    user = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.filter(is_active=True), required=False,
                                              allow_null=True, default=None)
    users = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.filter(is_active=True), many=True,
                                               required=False, default=list)
    position = serializers.ChoiceField(choices=SignKind.choices, required=False, default=SignKind.BEFORE)
    added_item = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=2**63 - 1)
