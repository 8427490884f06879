"""Models of the base-data context."""

from .elements import Checklist, ChecklistItem, CheckItem, CheckModule, Phrase
from .discretion import DiscretionClaim, DiscretionEvent, DiscretionLevel, DiscretionStandard
from .laws import Article, Law, LawFavourite
from .objects import InspectedObject
from .officers import CertificateReminder, Officer
from .powers import BasisRole, Power, PowerBasis, PowerVersion
from .records import RecordBatch
from .search import SearchEntry, SearchStatistics

__all__ = [
    "Article",
    "BasisRole",
    "CheckItem",
    "CheckModule",
    "Checklist",
    "ChecklistItem",
    "CertificateReminder",
    "DiscretionClaim",
    "DiscretionEvent",
    "DiscretionLevel",
    "DiscretionStandard",
    "InspectedObject",
    "Law",
    "LawFavourite",
    "Officer",
    "Power",
    "PowerBasis",
    "PowerVersion",
    "Phrase",
    "RecordBatch",
    "SearchEntry",
    "SearchStatistics",
]
