from .cases import Case, CaseOfficer, CaseParty
from .evidence import CaseEvidence
from .execution import (
    CaseExecution,
    CasePayment,
    ConfiscatedItem,
    ExecutionReminder,
    PaymentArrangement,
    PaymentInstalment,
)
from .hearing import Hearing, HearingRecordEntry
from .remedies import CaseRemedy
from .side import CaseSideProcedure
from .warnings import CaseWarning, StageRequirementRule

__all__ = [
    "Case",
    "CaseEvidence",
    "CaseExecution",
    "CaseOfficer",
    "CaseParty",
    "CasePayment",
    "CaseRemedy",
    "CaseSideProcedure",
    "CaseWarning",
    "ConfiscatedItem",
    "ExecutionReminder",
    "Hearing",
    "HearingRecordEntry",
    "PaymentArrangement",
    "PaymentInstalment",
    "StageRequirementRule",
]
