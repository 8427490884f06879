from .cases import Case, CaseOfficer, CaseParty
from .execution import (
    CaseExecution,
    CasePayment,
    ConfiscatedItem,
    ExecutionReminder,
    PaymentArrangement,
    PaymentInstalment,
)
from .remedies import CaseRemedy
from .warnings import CaseWarning, StageRequirementRule

__all__ = [
    "Case",
    "CaseExecution",
    "CaseOfficer",
    "CaseParty",
    "CasePayment",
    "CaseRemedy",
    "CaseWarning",
    "ConfiscatedItem",
    "ExecutionReminder",
    "PaymentArrangement",
    "PaymentInstalment",
    "StageRequirementRule",
]
