"""Pages: the officers' 期限计算器 and the administration of holidays and thresholds."""

from __future__ import annotations

import csv
import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View

from . import presentation as P
from .catalogue import SECTORS, all_rules, get as get_rule
from .engine import current_rules
from .errors import RuleError
from .forms import CalendarDayForm, CalendarImportForm, ThresholdSettingForm
from .models import CalendarDay, ThresholdSetting
from .services import CalendarImportError, describe_import, import_calendar, read_table, set_year_complete
from .thresholds import BUILTIN, SPECS


def _rule_groups() -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for rule in all_rules():
        groups.setdefault(rule.category, []).append(rule)
    return list(groups.items())


class CalculatorView(LoginRequiredMixin, View):
    """期限计算器: pick a rule, fill its form, see the answer with a small calendar and the basis.

    GET ``?rule=id`` shows the form (``&example=1`` fills in the catalogue example); POST evaluates.
    htmx requests receive only the ``workspace`` partial.
    """

    template_name = "legal/calculator.html"

    def _rule(self, rule_id):
        try:
            return get_rule(rule_id or all_rules()[0].id)
        except RuleError:
            return all_rules()[0]

    def _render(self, request, context):
        template = self.template_name + "#workspace" if request.htmx else self.template_name
        context.setdefault("groups", _rule_groups())
        return TemplateResponse(request, template, context)

    def get(self, request):
        rule = self._rule(request.GET.get("rule"))
        data = dict(rule.examples[0]) if request.GET.get("example") else {}
        return self._render(request, {"rule": rule, "fields": P.form_fields(rule, data)})

    def post(self, request):
        rule = self._rule(request.POST.get("rule"))
        raw = P.params_from_form(rule, request.POST)
        submitted = {p.name: raw.get(p.name) for p in rule.params}
        missing = P.missing_required(rule, raw)
        if missing:
            labels = "、".join(p.label for p in rule.params if p.name in missing)
            message = f"请填写标红的 {len(missing)} 项：{labels}"
            return self._render(request, {"rule": rule, "fields": P.form_fields(rule, submitted, missing),
                                          "error_message": message})
        rules = current_rules()
        try:
            typed = rule.parse(raw)
            answer = rules.evaluate(rule.id, raw)
        except RuleError as error:
            message = P.for_people(rule, error.message)
            context = {
                "rule": rule,
                "fields": P.form_fields(rule, submitted, {error.field: message} if error.field else {}),
                "error_message": message,
            }
            return self._render(request, context)
        marks = P.marked_days(rule, typed, answer)
        context = {
            "rule": rule,
            "fields": P.form_fields(rule, submitted),
            "answer": answer,
            "rows": P.result_rows(rule, answer),
            "months": P.grids(rules.calendar, marks, P.months_to_show(marks)),
        }
        return self._render(request, context)


def _year(text: str | None) -> int:
    try:
        year = int(text or "")
    except ValueError:
        return dt.date.today().year
    return min(max(year, 1900), 2199)


def calendar_page(request, year: int, *, form=None, import_form=None, status: int = 200) -> TemplateResponse:
    """The holiday page of ``year`` (also re-rendered with the errors of a failed form)."""
    years = (
        CalendarDay.objects.values("date__year")
        .annotate(
            holidays=Count("id", filter=Q(kind=CalendarDay.Kind.HOLIDAY)),
            workdays=Count("id", filter=Q(kind=CalendarDay.Kind.WORKDAY)),
        )
        .order_by("-date__year")
    )
    work = current_rules().calendar
    context = {
        "year": year,
        "years": years,
        "days": list(CalendarDay.objects.filter(date__year=year).order_by("date")),
        "known": year in work.known_years,
        "complete_years": work.known_years,
        "months": P.grids(work, {}, [(year, m) for m in range(1, 13)]),
        "form": form or CalendarDayForm(initial={"date": f"{year}-01-01", "kind": CalendarDay.Kind.HOLIDAY}),
        "import_form": import_form or CalendarImportForm(),
    }
    return TemplateResponse(request, "legal/calendar.html", context, status=status)


class CalendarView(PermissionRequiredMixin, View):
    """The holiday schedule of one year, with hand entry, deletion, import and export."""

    permission_required = "legal.view_calendarday"

    def get(self, request):
        return calendar_page(request, _year(request.GET.get("year")))


class CalendarDayCreateView(PermissionRequiredMixin, View):
    """Add one holiday or 调休 working day."""

    permission_required = "legal.add_calendarday"

    def post(self, request):
        form = CalendarDayForm(request.POST)
        if not form.is_valid():
            return calendar_page(request, _year(request.POST.get("date", "")[:4]), form=form, status=400)
        day = form.save(commit=False)
        day.source = CalendarDay.Source.MANUAL
        day.save()
        messages.success(request, f"已添加 {day}")
        return redirect(f"{reverse('legal:calendar')}?year={day.date.year}")


class CalendarDayDeleteView(PermissionRequiredMixin, View):
    """Remove one entry (the day then follows the normal week)."""

    permission_required = "legal.delete_calendarday"

    def post(self, request, pk):
        day = get_object_or_404(CalendarDay, pk=pk)
        year = day.date.year
        day.delete()
        messages.success(request, "已删除该日安排")
        return redirect(f"{reverse('legal:calendar')}?year={year}")


class CalendarImportView(PermissionRequiredMixin, View):
    """Import a State Council schedule table; all or nothing, every error with row and column."""

    permission_required = ("legal.add_calendarday", "legal.delete_calendarday")

    def post(self, request):
        form = CalendarImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = form.cleaned_data
            try:
                summary = import_calendar(
                    read_table(upload.read(), upload.name), years=data["years"], force=data["force"],
                    complete=not data["partial"], dry_run=data["dry_run"],
                )
            except CalendarImportError as error:
                for problem in error.problems[:50]:
                    form.add_error(None, str(problem))
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("years", message)
            else:
                messages.success(request, describe_import(summary, dry_run=data["dry_run"]))
                return redirect(f"{reverse('legal:calendar')}?year={summary.years[0]}")
        return calendar_page(request, dt.date.today().year, import_form=form, status=400)


class CalendarYearCompleteView(PermissionRequiredMixin, View):
    """Mark a year's schedule complete (全年安排已录入) or not complete."""

    permission_required = "legal.change_calendaryear"

    def post(self, request, year):
        complete = request.POST.get("complete") != "0"
        try:
            set_year_complete(year=year, complete=complete)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, f"{year}年安排已标记为{'完整' if complete else '未完整'}")
        return redirect(f"{reverse('legal:calendar')}?year={year}")


class CalendarExportView(PermissionRequiredMixin, View):
    """A year's schedule as CSV in the import format (a template for the next year)."""

    permission_required = "legal.view_calendarday"

    def get(self, request):
        year = _year(request.GET.get("year"))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="holidays-{year}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(["date", "kind", "name"])
        for day in CalendarDay.objects.filter(date__year=year).order_by("date"):
            writer.writerow([day.date.isoformat(), day.kind, day.name])
        return response


SECTOR_LABELS = dict(SECTORS)


def threshold_page(request, *, form=None, status: int = 200) -> TemplateResponse:
    """National defaults and database overrides of every threshold, with the add form."""
    defaults = [
        {"record": r, "spec": SPECS[r.key], "value": SPECS[r.key].format(r.value),
         "sector": SECTOR_LABELS.get(r.sector, r.sector)}
        for r in sorted(BUILTIN, key=lambda r: (r.key, r.sector, r.effective_from))
    ]
    overrides = [
        {"row": row, "value": SPECS[row.key].format(row.value) if row.key in SPECS else row.value}
        for row in ThresholdSetting.objects.all()
    ]
    context = {"defaults": defaults, "overrides": overrides, "form": form or ThresholdSettingForm()}
    return TemplateResponse(request, "legal/thresholds.html", context, status=status)


class ThresholdListView(PermissionRequiredMixin, View):
    """National defaults and the regional or sector overrides of every threshold."""

    permission_required = "legal.view_thresholdsetting"

    def get(self, request):
        return threshold_page(request)


class ThresholdCreateView(PermissionRequiredMixin, View):
    """Add an override record."""

    permission_required = "legal.add_thresholdsetting"

    def post(self, request):
        form = ThresholdSettingForm(request.POST)
        if not form.is_valid():
            return threshold_page(request, form=form, status=400)
        form.save()
        messages.success(request, "已添加配置")
        return redirect("legal:thresholds")


class ThresholdDeleteView(PermissionRequiredMixin, View):
    """Remove an override record (the next less specific value applies again)."""

    permission_required = "legal.delete_thresholdsetting"

    def post(self, request, pk):
        get_object_or_404(ThresholdSetting, pk=pk).delete()
        messages.success(request, "已删除配置")
        return redirect("legal:thresholds")
