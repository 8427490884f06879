"""The case figures of the supervisors' and leaders' workbench, each opening the filtered case list."""

from __future__ import annotations

from zhifa.core.workbench_figures import Figure, register

from .choices import CaseStatus
from .models import Case


def cases_in(status: str):
    return lambda user: Case.objects.restrict(user, "view").filter(status=status)


register(
    Figure(label="已立案在办的案件", rows=cases_in(CaseStatus.FILED), order=60, url_name="cases:case_list",
           query=f"?status={CaseStatus.FILED}", permission="cases.view_case"),
    Figure(label="待立案审批的案件", rows=cases_in(CaseStatus.REGISTERED), order=61, url_name="cases:case_list",
           query=f"?status={CaseStatus.REGISTERED}", permission="cases.view_case"),
    Figure(label="已作出决定的案件", rows=cases_in(CaseStatus.DECIDED), order=62, url_name="cases:case_list",
           query=f"?status={CaseStatus.DECIDED}", permission="cases.view_case"),
)
