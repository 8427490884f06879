"""Where a link to a case leads (notifications, redirects after an action): one place to change."""

from django.urls import reverse


def case_page_url(case) -> str:
    """The page showing the case's execution, remedies and warnings with their actions."""
    return reverse("cases:case_execution", args=[case.pk])
