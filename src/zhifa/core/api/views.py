"""Base viewset of every API resource: the permission gate, the shared FilterSet, service writes."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from zhifa.core.audit import record_read
from zhifa.core.views.generic.objects import protected_message
from zhifa.core.views.generic.writes import DeleteRefused, delete_with_service, ensure_in_scope, service_for

from .permissions import ModelPermission, action_for_method


class Conflict(exceptions.APIException):
    """The request conflicts with existing data (e.g. deleting a row others still refer to)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = "与已有数据冲突"


def drf_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    """A Django ``ValidationError`` (from a service or the scope check) as a structured API error."""
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(exc.message_dict)
    return exceptions.ValidationError({"non_field_errors": exc.messages})


class RestrictedViewSetMixin:
    """The model permission of the request's action, rows restricted by it, the shared FilterSet."""

    permission_classes = [IsAuthenticated, ModelPermission]
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, action_for_method(self.request.method))

    def get_object(self):
        """The requested row; outside the user's scope it does not exist (a structured 404)."""
        try:
            return super().get_object()
        except Http404 as exc:
            raise exceptions.NotFound() from exc

    def retrieve(self, request, *args, **kwargs):
        """One record, its reading audited like the detail page's (``record_read``)."""
        instance = self.get_object()
        record_read(instance)
        return Response(self.get_serializer(instance).data)


class ZhifaReadOnlyModelViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """A read-only resource (reference data such as regions)."""


class ZhifaModelViewSet(RestrictedViewSetMixin, viewsets.ModelViewSet):
    """A model's REST resource.

    ``get_queryset`` is ``queryset.restrict(user, action)`` with the action of the HTTP method, so a
    row outside the user's scope answers 404; ``filterset_class`` is the same FilterSet as the UI
    list. Writes go through the model's service when it has one, and the saved object is
    re-checked against the user's scope inside the transaction.
    """

    def _save(self, serializer, action: str):
        model = self.queryset.model
        service = service_for(model)
        try:
            with transaction.atomic():
                if service is None:
                    obj = serializer.save()
                else:
                    obj = self._save_through_service(serializer, service)
                ensure_in_scope(obj, self.request.user, action)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return obj

    def _save_through_service(self, serializer, service):
        model = self.queryset.model
        creating = serializer.instance is None
        data = dict(serializer.validated_data)
        extras = {name: data.pop(name) for name in service.extra_fields(creating=creating) if name in data}
        many = {f.name: data.pop(f.name) for f in model._meta.many_to_many if f.name in data}
        instance = model() if creating else serializer.instance
        for name, value in data.items():
            setattr(instance, name, value)
        merged = {**data, **many, **extras}
        obj = (service.create if creating else service.update)(instance, data=merged, user=self.request.user)
        for name, values in many.items():
            getattr(obj, name).set(values)
        serializer.instance = obj
        return obj

    def perform_create(self, serializer):
        self._save(serializer, "add")

    def perform_update(self, serializer):
        self._save(serializer, "change")

    def perform_destroy(self, instance):
        try:
            delete_with_service(instance, user=self.request.user)
        except DeleteRefused as exc:
            raise Conflict(exc.messages[0]) from exc
        except (ProtectedError, RestrictedError) as exc:
            raise Conflict(protected_message(instance, exc)) from exc
