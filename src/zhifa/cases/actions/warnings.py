"""Case warnings (预警, E5) on the case page: the 预警 tab (only the periodic job writes warnings)."""

from __future__ import annotations

from zhifa.core.gate import can_model

from ..models import CaseWarning
from ..page import CaseTab, register_tab
from ..services.warnings import most_severe_first

RECENTLY_CLEARED = 10


def warnings_context(case, user) -> dict | None:
    """The warnings tab: open warnings, most severe first, and the last cleared ones."""
    if not can_model(user, "view", CaseWarning):
        return None
    visible = CaseWarning.objects.filter(case=case).restrict(user, "view")
    cleared = visible.exclude(cleared_at=None).order_by("-cleared_at")[:RECENTLY_CLEARED]
    return {"open": most_severe_first(visible.filter(cleared_at=None)), "cleared": list(cleared)}


register_tab(CaseTab(key="warnings", label="预警", template="cases/tabs/warnings.html", context=warnings_context,
                     order=80))
