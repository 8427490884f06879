from .cases import Case, CaseOfficer, CaseParty

__all__ = ["Case", "CaseOfficer", "CaseParty"]
