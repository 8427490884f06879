"""Workbench (工作台), notification centre, and the SMS and delivery logs for administrators.

The workbench shows the signed-in user's own todos, approvals, deadlines and notices, each count
opening the list behind it; supervisors and leaders also see the figures of their scope
(``workbench_figures``), and a leader (role code ``leader``) the open and overdue todos per unit,
through the permission gate.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import ListView, TemplateView

from ..menu import menu_for
from ..models import DeliveryStatus, NotificationDelivery, SmsMessage
from ..notifications.inbox import inbox_for, notification_mark_all_read, notification_mark_read
from ..services.notices import notices_for
from ..services.todos import approvals_for, expiring_for, todo_counts_by_unit, todos_for
from ..workbench_figures import figure_seconds, figures_for

LEADER_ROLE = "leader"
CARD_ROWS = 8
QUICK_LINKS = 8
HOME_GROUP = "工作台"


def is_leader(user) -> bool:
    return user.roles.filter(code=LEADER_ROLE).exists()


class WorkbenchView(LoginRequiredMixin, TemplateView):
    """The home page of every signed-in user: their own work first."""

    template_name = "core/workbench.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        todos, approvals, expiring = todos_for(user), approvals_for(user), expiring_for(user)
        notices = notices_for(user)
        context.update(
            todos=todos[:CARD_ROWS],
            todo_count=todos.count(),
            approvals=approvals[:CARD_ROWS],
            approval_count=approvals.count(),
            expiring=expiring[:CARD_ROWS],
            expiring_count=expiring.count(),
            overdue_count=expiring.filter(due_at__lt=timezone.now()).count(),
            notices=notices[:CARD_ROWS],
            unread_notice_count=notices.filter(is_read=False).count(),
            quick_links=self.quick_links(),
            leader=is_leader(user),
            figures=figures_for(user),
            figure_seconds=figure_seconds(),
        )
        if context["leader"]:
            context["unit_counts"] = todo_counts_by_unit(user)
        return context

    def quick_links(self) -> list[dict]:
        """The first entries of the user's menu outside the workbench group."""
        links = [item for group in menu_for(self.request.user) if group.label != HOME_GROUP for item in group.items]
        return links[:QUICK_LINKS]


#: The lists behind the workbench counts: ``?show=`` → (title, selector).
TODO_LISTS = {
    "todos": ("我的待办", todos_for),
    "approvals": ("我的审批", approvals_for),
    "expiring": ("3 日内到期", expiring_for),
}


class TodoListView(LoginRequiredMixin, TemplateView):
    """The user's own open todos, approvals or items due within 3 days (``?show=``), 20 per page."""

    template_name = "core/todo_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show = self.request.GET.get("show", "")
        show = show if show in TODO_LISTS else "todos"
        title, selector = TODO_LISTS[show]
        page = Paginator(selector(self.request.user), 20).get_page(self.request.GET.get("page"))
        context.update(page_obj=page, todos=page.object_list, show=show, list_title=title,
                       tabs=[(key, label) for key, (label, _) in TODO_LISTS.items()])
        return context


class NotificationListView(LoginRequiredMixin, TemplateView):
    """The in-app notification centre, 20 per page."""

    template_name = "core/notifications.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(inbox_for(self.request.user), 20).get_page(self.request.GET.get("page"))
        context.update(page_obj=page, notifications=page.object_list)
        return context


class NotificationOpenView(LoginRequiredMixin, View):
    """Follow a notification's link, marking it read on the way."""

    def get(self, request, pk):
        notification = notification_mark_read(user=request.user, notification_id=pk)
        if notification is None:
            raise Http404("没有这条通知")
        target = notification.url
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return redirect(target)
        return redirect("core:notification_list")


class NotificationReadView(LoginRequiredMixin, View):
    """Mark one notification read (POST)."""

    def post(self, request, pk):
        if notification_mark_read(user=request.user, notification_id=pk) is None:
            raise Http404("没有这条通知")
        return redirect(_back_to_list(request))


class NotificationReadAllView(LoginRequiredMixin, View):
    """Mark all of the user's notifications read (POST)."""

    def post(self, request):
        count = notification_mark_all_read(user=request.user)
        messages.success(request, f"已将 {count} 条通知标为已读")
        return redirect(_back_to_list(request))


def _back_to_list(request) -> str:
    url = reverse("core:notification_list")
    page = request.POST.get("page", "")
    return f"{url}?page={page}" if page.isdigit() else url


class SmsMessageListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    """The messages handed to the local SMS gateway, for administrators (本地短信记录)."""

    permission_required = "core.view_smsmessage"
    template_name = "core/sms_list.html"
    context_object_name = "sms_messages"
    paginate_by = 50

    def get_queryset(self):
        queryset = SmsMessage.objects.restrict(self.request.user, "view")
        phone = self.request.GET.get("phone", "").strip()
        if phone:
            queryset = queryset.filter(phone__contains=phone)
        return queryset


class DeliveryListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    """Email and SMS copies of notifications with their status, failures first (通知发送记录)."""

    permission_required = "core.view_notificationdelivery"
    template_name = "core/delivery_list.html"
    context_object_name = "deliveries"
    paginate_by = 50

    def get_queryset(self):
        queryset = (
            NotificationDelivery.objects.restrict(self.request.user, "view")
            .select_related("notification", "notification__recipient")
            .order_by("-created_at", "-id")
        )
        status = self.request.GET.get("status", "")
        if status in DeliveryStatus.values:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(statuses=DeliveryStatus.choices, current_status=self.request.GET.get("status", ""))
        return context
