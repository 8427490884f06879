"""Notices (通知公告): reading them as their audience, and writing them as their publisher.

Readers reach a published notice through ``notices_for`` (its audience); opening it writes the
read receipt. Publishers reach notices, drafts included, through ``Notice.objects.restrict(user,
"change")``; the read receipts need ``core.view_noticereceipt`` besides a view of the notice.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.generic import ListView

from zhifa.core.gate import can

from ..forms import NoticeForm
from ..models import Notice
from ..services.notices import (
    notice_create,
    notice_mark_read,
    notice_publish,
    notice_read_stats,
    notice_update,
    notices_for,
)

NO_UNIT = "您没有所属单位，不能发布通知公告"
RECEIPTS_PERMISSION = "core.view_noticereceipt"


def _apply_errors(form: forms.Form, error: ValidationError) -> None:
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


class NoticeListView(LoginRequiredMixin, ListView):
    """The notices addressed to the user, unread ones in bold (``?unread=1``: the unread ones only)."""

    template_name = "core/notices/list.html"
    context_object_name = "notices"
    paginate_by = 20

    def get_queryset(self):
        notices = notices_for(self.request.user)
        return notices.filter(is_read=False) if self.unread_only() else notices

    def unread_only(self) -> bool:
        """``?unread=1``: only the notices the user has not read (the workbench's count)."""
        return self.request.GET.get("unread") == "1"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm("core.add_notice")
        context["unread_only"] = self.unread_only()
        return context


class NoticeDetailView(LoginRequiredMixin, View):
    """One notice; opening it as a member of its audience writes the read receipt."""

    def get(self, request, pk):
        notice = notices_for(request.user).filter(pk=pk).first()
        if notice is not None:
            notice_mark_read(notice=notice, user=request.user)
        else:
            notice = Notice.objects.restrict(request.user, "change").select_related("unit").filter(pk=pk).first()
        if notice is None:
            raise Http404("没有这条通知公告，或您不在其发布范围内")
        context = {
            "notice": notice,
            "can_see_receipts": request.user.has_perm(RECEIPTS_PERMISSION) and can(request.user, "view", notice),
            "can_change": can(request.user, "change", notice),
        }
        return render(request, "core/notices/detail.html", context)


class NoticeManageView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    """The notices the user may manage, drafts included, with their read counts."""

    permission_required = "core.add_notice"
    template_name = "core/notices/manage.html"
    context_object_name = "notices"
    paginate_by = 20

    def get_queryset(self):
        return (
            Notice.objects.restrict(self.request.user, "change")
            .select_related("unit", "created_by")
            .annotate(read_count=Count("receipts"))
            .order_by("-created_at", "-id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_see_receipts"] = self.request.user.has_perm(RECEIPTS_PERMISSION)
        return context


class NoticeCreateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """Write a notice of the user's own unit, as a draft or published at once."""

    permission_required = "core.add_notice"

    def get(self, request):
        return render(request, "core/notices/form.html", {"form": NoticeForm(), "notice": None})

    def post(self, request):
        form = NoticeForm(request.POST)
        if request.user.unit_id is None:
            form.add_error(None, NO_UNIT)
        if form.is_valid():
            try:
                notice = notice_create(unit=request.user.unit, publish="publish" in request.POST, **form.cleaned_data)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, "通知公告已发布" if notice.is_published else "通知公告已保存为草稿")
                return redirect("core:notice_detail", pk=notice.pk)
        return render(request, "core/notices/form.html", {"form": form, "notice": None}, status=400)


class NoticeEditView(LoginRequiredMixin, View):
    """Change a notice the user may change."""

    def get_notice(self, request, pk) -> Notice:
        return get_object_or_404(Notice.objects.restrict(request.user, "change").select_related("unit"), pk=pk)

    def get(self, request, pk):
        notice = self.get_notice(request, pk)
        form = NoticeForm(initial={"title": notice.title, "body": notice.body, "pinned": notice.pinned})
        return render(request, "core/notices/form.html", {"form": form, "notice": notice})

    def post(self, request, pk):
        notice = self.get_notice(request, pk)
        form = NoticeForm(request.POST)
        if form.is_valid():
            try:
                notice = notice_update(notice=notice, **form.cleaned_data)
                if "publish" in request.POST:
                    notice = notice_publish(notice=notice)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, "通知公告已保存")
                return redirect("core:notice_detail", pk=notice.pk)
        return render(request, "core/notices/form.html", {"form": form, "notice": notice}, status=400)


class NoticePublishView(LoginRequiredMixin, View):
    """Publish a draft (POST)."""

    def post(self, request, pk):
        notice = get_object_or_404(Notice.objects.restrict(request.user, "change"), pk=pk)
        notice_publish(notice=notice)
        messages.success(request, "通知公告已发布")
        return redirect("core:notice_detail", pk=notice.pk)


class NoticeDeleteView(LoginRequiredMixin, View):
    """Delete a notice with its receipts (POST)."""

    def post(self, request, pk):
        notice = get_object_or_404(Notice.objects.restrict(request.user, "delete"), pk=pk)
        notice.delete()
        messages.success(request, f"已删除通知公告“{notice.title}”")
        return redirect("core:notice_manage")


class NoticeReceiptsView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """Who has read a notice and who has not (for its publisher)."""

    permission_required = RECEIPTS_PERMISSION

    def get(self, request, pk):
        notice = get_object_or_404(Notice.objects.restrict(request.user, "view").select_related("unit"), pk=pk)
        return render(request, "core/notices/receipts.html", {"notice": notice, **notice_read_stats(notice)})
