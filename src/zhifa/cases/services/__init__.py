"""Services of the case module: every write to a case goes through one of these functions."""

from .cases import case_register, simple_decide
from .decision import decision_record, notice_serve, simple_file
from .hearing import hearing_minutes, hearing_report, hearing_request, hearing_schedule
from .record import case_update_record, evidence_add
from .side import side_decide, side_request

__all__ = [
    "case_register", "case_update_record", "decision_record", "evidence_add", "hearing_minutes", "hearing_report",
    "hearing_request", "hearing_schedule", "notice_serve", "side_decide", "side_request", "simple_decide",
    "simple_file",
]
