from .cases import Case, CaseOfficer, CaseParty
from .evidence import CaseEvidence
from .hearing import Hearing, HearingRecordEntry
from .side import CaseSideProcedure

__all__ = ["Case", "CaseEvidence", "CaseOfficer", "CaseParty", "CaseSideProcedure", "Hearing", "HearingRecordEntry"]
