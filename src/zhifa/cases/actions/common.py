"""What the topics of the case page share: a refusal from a service check, the 办案程序 pages' wording."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from ..choices import ProcedureKind
from ..links import case_page_url


def asked(check: Callable[..., str], **fixed) -> Callable[[object, object], str]:
    """The page's ``refusal(case, user)`` from a service check ``check(*, case, actor, **fixed)``."""
    return lambda case, user: check(case=case, actor=user, **fixed)


def with_case(case) -> dict:
    """``extras`` of a form that offers choices of the case (its officers, its pending side procedures)."""
    return {"case": case}


def general(case) -> bool:
    """Whether the action applies: only to a 一般程序 case."""
    return case.procedure_type == ProcedureKind.GENERAL


def simple(case) -> bool:
    """Whether the action applies: only to a 简易程序 case."""
    return case.procedure_type == ProcedureKind.SIMPLE


def fined(case) -> bool:
    """Whether the action applies: only to a case with a fine."""
    return case.fine_amount > 0


def procedure_overview(case) -> str:
    """办案程序: the page of the record and procedure actions, where their forms return."""
    return reverse("cases:procedure", args=[case.pk])


#: How the record and procedure actions' form pages word a refusal and where they return.
PROCEDURE_PAGE = {"refused": "现在不能{title}：{reason}", "back": procedure_overview}
#: The execution and remedy actions return to the case page's 执行 tab.
EXECUTION_PAGE = {"done": "{title}已登记", "back": case_page_url}
