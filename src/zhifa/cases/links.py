"""Where a link to a case leads (notifications, redirects after an action): one place to change."""

from django.urls import reverse


def case_page_url(case, tab: str = "execution") -> str:
    """The case page open at ``tab`` (execution, remedies and warnings by default)."""
    return f"{reverse('cases:case_detail', args=[case.pk])}?tab={tab}"
