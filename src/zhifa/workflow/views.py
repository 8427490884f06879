"""Pages of the process engine: my work, a work item with its actions, an instance, procedures, deputies.

Views read through the permission gate and hand every change to ``zhifa.workflow.services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from zhifa.basedata.models import Phrase
from zhifa.core.gate import can_model

from . import selectors, services
from .choices import InstanceStatus, ItemStatus
from .deadlines import COLOUR_LABELS, colour
from .forms import DeputyForm, ItemActionForm, UploadForm
from .models import Deputy, ProcessDefinition, ProcessInstance, ProcessVersion, WorkItem

ITEM_ACTIONS = {
    "approve": "通过", "return": "退回", "reject": "驳回", "transfer": "转办", "delegate": "委派",
    "resolve": "委派办结", "add_sign": "加签", "remove_sign": "减签",
}
DONE = "已{action}"


def _error_text(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "；".join(m for ms in error.message_dict.values() for m in ms)
    return "；".join(error.messages)


def visible_instances(user):
    return ProcessInstance.objects.restrict(user, "view").select_related("version__definition", "unit", "originator")


class MyTasksView(LoginRequiredMixin, View):
    """我的流程待办: the user's open work, deadline colours first."""

    def get(self, request):
        items = list(selectors.my_open_items(request.user)[:200])
        for item in items:
            item.colour = colour(item.due_at)
            item.colour_label = COLOUR_LABELS[item.colour]
        return render(request, "workflow/my_tasks.html", {"items": items})


def _item_context(request, item: WorkItem, form=None) -> dict:
    instance = item.instance
    mine = item.assignee_id == request.user.pk and instance.status == InstanceStatus.RUNNING
    unavailable = ""
    if instance.status != InstanceStatus.RUNNING:
        unavailable = f"流程已结束（{instance.get_status_display()}），只能查看"
    elif item.assignee_id != request.user.pk:
        unavailable = f"该任务由{item.assignee.display_name or item.assignee.username}办理，您只能查看"
    elif item.status not in (ItemStatus.OPEN, ItemStatus.DELEGATED):
        unavailable = f"该任务当前状态为“{item.get_status_display()}”，不能办理"
    people = selectors.pickable_people(instance) if mine else get_user_model().objects.none()
    return {
        "item": item,
        "instance": instance,
        "mine": mine and not unavailable,
        "delegated": item.status == ItemStatus.DELEGATED,
        "unavailable": unavailable,
        "form": form or ItemActionForm(people=people, targets=selectors.returnable_steps(instance)),
        "phrases": Phrase.objects.restrict(request.user, "view").filter(field_key="opinion").values_list("text", flat=True)[:50],
        "siblings": instance.items.filter(task_id=item.task_id).select_related("assignee", "added_by").order_by("position", "id"),
        "timeline": instance.timeline.all(),
        "removable": item.added_items.filter(status__in=(ItemStatus.OPEN, ItemStatus.WAITING)).select_related("assignee"),
    }


class WorkItemView(LoginRequiredMixin, View):
    """One step's work: the instance, the other people of the step, the timeline, and the actions."""

    def get_item(self, request, pk) -> WorkItem:
        instances = visible_instances(request.user)
        item = get_object_or_404(WorkItem.objects.select_related("assignee", "on_behalf_of", "owner"), pk=pk)
        item.instance = get_object_or_404(instances, pk=item.instance_id)
        return item

    def get(self, request, pk):
        return render(request, "workflow/item_detail.html", _item_context(request, self.get_item(request, pk)))

    def post(self, request, pk):
        item = self.get_item(request, pk)
        action = request.POST.get("action", "")
        if action not in ITEM_ACTIONS:
            messages.error(request, "未知的操作")
            return redirect(item.get_absolute_url())
        people = selectors.pickable_people(item.instance)
        form = ItemActionForm(request.POST, people=people, targets=selectors.returnable_steps(item.instance))
        if not form.is_valid():
            return render(request, "workflow/item_detail.html", _item_context(request, item, form), status=400)
        data = form.cleaned_data
        user = request.user
        try:
            if action == "approve":
                services.approve(item=item, actor=user, opinion=data["opinion"])
            elif action == "return":
                services.return_to(item=item, actor=user, target=data["target"] or "previous", reason=data["reason"])
            elif action == "reject":
                services.reject(item=item, actor=user, reason=data["reason"])
            elif action == "transfer":
                services.transfer(item=item, actor=user, to_user=_required_user(data), reason=data["reason"])
            elif action == "delegate":
                services.delegate(item=item, actor=user, to_user=_required_user(data), reason=data["reason"])
            elif action == "resolve":
                services.resolve(item=item, actor=user, opinion=data["opinion"])
            elif action == "add_sign":
                services.add_sign(item=item, actor=user, users=list(data["users"]), position=data["position"], reason=data["reason"])
            elif action == "remove_sign":
                added = get_object_or_404(WorkItem, pk=request.POST.get("added_item"), parent=item)
                services.remove_sign(item=added, actor=user, reason=data["reason"])
        except ValidationError as error:
            messages.error(request, f"{ITEM_ACTIONS[action]}未成功：{_error_text(error)}")
            return redirect(item.get_absolute_url())
        messages.success(request, DONE.format(action=ITEM_ACTIONS[action]))
        return redirect(item.instance.get_absolute_url())


def _required_user(data):
    if data["user"] is None:
        raise ValidationError({"user": "请选择人员"})
    return data["user"]


class InstanceView(LoginRequiredMixin, View):
    """An instance: its version, current steps with their holders and deadlines, and its timeline."""

    def get(self, request, pk):
        instance = get_object_or_404(visible_instances(request.user), pk=pk)
        current = list(selectors.current_items(instance))
        for item in current:
            item.colour = colour(item.due_at)
            item.colour_label = COLOUR_LABELS[item.colour]
        running = instance.status == InstanceStatus.RUNNING
        can_urge = running and (request.user.pk == instance.originator_id or ProcessInstance.objects.filter(
            pk=instance.pk).restrict(request.user, "change").exists())
        return render(request, "workflow/instance_detail.html", {
            "instance": instance,
            "current": current,
            "timeline": instance.timeline.all(),
            "can_urge": can_urge,
            "urge_reason": "" if can_urge else ("流程已结束" if not running else "只有发起人或有管理权限的人员可以催办"),
            "people": selectors.pickable_people(instance),
            "running": running,
        })

    def post(self, request, pk):
        instance = get_object_or_404(visible_instances(request.user), pk=pk)
        action = request.POST.get("action", "")
        labels = {"withdraw": "撤回", "urge": "催办", "copy": "抄送"}
        try:
            if action == "withdraw":
                services.withdraw(instance=instance, actor=request.user, reason=request.POST.get("reason", ""))
            elif action == "urge":
                services.urge(instance=instance, actor=request.user, note=request.POST.get("reason", ""))
            elif action == "copy":
                users = list(selectors.pickable_people(instance).filter(pk__in=request.POST.getlist("users")))
                services.copy_to(instance=instance, actor=request.user, users=users, note=request.POST.get("reason", ""))
            else:
                messages.error(request, "未知的操作")
                return redirect(instance.get_absolute_url())
        except ValidationError as error:
            messages.error(request, f"{labels[action]}未成功：{_error_text(error)}")
            return redirect(instance.get_absolute_url())
        messages.success(request, DONE.format(action=labels[action]))
        return redirect(instance.get_absolute_url())


class DefinitionListView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """流程配置: every procedure with its published version and running instances."""

    permission_required = "workflow.view_processdefinition"

    def get(self, request):
        definitions = ProcessDefinition.objects.restrict(request.user, "view").prefetch_related("versions")
        return render(request, "workflow/definition_list.html", {
            "definitions": definitions, "form": UploadForm(), "can_upload": can_model(request.user, "add", ProcessVersion),
        })

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                version = services.import_model(
                    xml=form.cleaned_data["file"].read(), actor=request.user,
                    procedure_type=form.cleaned_data["procedure_type"], note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                for message in error.message_dict.get("bpmn_xml", error.messages):
                    form.add_error("file", message)
            else:
                messages.success(request, f"已上传为{version}（草稿）")
                return redirect(version.definition.get_absolute_url())
        definitions = ProcessDefinition.objects.restrict(request.user, "view").prefetch_related("versions")
        return render(request, "workflow/definition_list.html", {
            "definitions": definitions, "form": form, "can_upload": can_model(request.user, "add", ProcessVersion),
        }, status=400)


class DefinitionView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """A procedure: its versions, which instances run on which, publish and sandbox buttons."""

    permission_required = "workflow.view_processdefinition"

    def get(self, request, pk):
        definition = get_object_or_404(ProcessDefinition.objects.restrict(request.user, "view"), pk=pk)
        return render(request, "workflow/definition_detail.html", {
            "definition": definition,
            "versions": selectors.versions_with_counts(definition),
            "can_publish": can_model(request.user, "change", ProcessVersion),
            "instances": visible_instances(request.user).filter(version__definition=definition)[:50],
        })


class VersionView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """One version in the designer (bpmn-js): view, edit and save as a new draft, publish, try in a sandbox."""

    permission_required = "workflow.view_processdefinition"

    def get(self, request, pk):
        version = get_object_or_404(ProcessVersion.objects.select_related("definition"), pk=pk)
        return render(request, "workflow/designer.html", {
            "version": version,
            "can_edit": can_model(request.user, "add", ProcessVersion),
            "can_publish": can_model(request.user, "change", ProcessVersion),
        })

    def post(self, request, pk):
        version = get_object_or_404(ProcessVersion.objects.select_related("definition"), pk=pk)
        action = request.POST.get("action")
        try:
            if action == "save":
                new = services.import_model(xml=request.POST.get("xml", ""), actor=request.user,
                                            definition=version.definition, note=request.POST.get("note", ""))
                messages.success(request, f"已保存为{new}（草稿）")
                return redirect(new.get_absolute_url())
            if action == "publish":
                services.publish_version(version=version, actor=request.user)
                messages.success(request, f"{version}已发布，新发起的流程将使用此版本")
            elif action == "sandbox":
                instance = services.start_instance(
                    definition=version.definition, unit=request.user.unit, actor=request.user,
                    title=f"{version}试运行", version=version,
                )
                return redirect(instance.get_absolute_url())
        except ValidationError as error:
            messages.error(request, _error_text(error))
        return redirect(version.get_absolute_url())


class VersionDownloadView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The version's BPMN file, for version control or another system."""

    permission_required = "workflow.view_processdefinition"

    def get(self, request, pk):
        version = get_object_or_404(ProcessVersion.objects.select_related("definition"), pk=pk)
        response = HttpResponse(version.bpmn_xml, content_type="application/xml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{version.definition.key}-v{version.number}.bpmn"'
        return response


class DeputyView(LoginRequiredMixin, View):
    """委托代办: the signed-in user's deputies while away."""

    def people(self, request):
        user = request.user
        units = [user.unit_id] + ([user.unit.parent_id] if user.unit_id and user.unit.parent_id else [])
        return get_user_model().objects.filter(is_active=True, unit_id__in=units).exclude(pk=user.pk).select_related("unit")

    def render(self, request, form, status=200):
        return render(request, "workflow/deputies.html", {
            "form": form, "deputies": Deputy.objects.filter(user=request.user).select_related("deputy"),
        }, status=status)

    def get(self, request):
        return self.render(request, DeputyForm(people=self.people(request)))

    def post(self, request):
        form = DeputyForm(request.POST, people=self.people(request))
        if form.is_valid():
            try:
                services.deputy_set(user=request.user, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                for field, field_messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, field_messages)
            else:
                messages.success(request, "已设置委托")
                return redirect("workflow:deputy_list")
        return self.render(request, form, status=400)
