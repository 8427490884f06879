"""Saving the columns a user chose for a list table."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from zhifa.core.models.preferences import UserTablePreference
from zhifa.core.tables import table_by_name


class TableColumnsView(LoginRequiredMixin, View):
    """POST the chosen ``columns`` of table ``name`` (or ``reset``) and go back to the list."""

    http_method_names = ["post"]

    def post(self, request, name: str):
        table_class = table_by_name(name)
        if table_class is None:
            raise Http404("没有这个表格")
        if "reset" in request.POST:
            UserTablePreference.objects.filter(user=request.user, table=name).delete()
        else:
            allowed = {column for column, _header in table_class([], user=None).available_columns()}
            columns = [column for column in request.POST.getlist("columns") if column in allowed]
            if columns:
                UserTablePreference.objects.update_or_create(
                    user=request.user, table=name, defaults={"columns": columns}
                )
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "/"
        return redirect(target)
