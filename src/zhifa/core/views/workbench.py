"""Workbench (工作台) and notification centre."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView


class WorkbenchView(LoginRequiredMixin, TemplateView):
    """The home page of every signed-in user."""

    template_name = "core/workbench.html"


class NotificationListView(LoginRequiredMixin, TemplateView):
    """The in-app notification centre."""

    template_name = "core/notifications.html"
