"""Models of the base-data context."""

from .laws import Article, Law, LawFavourite
from .objects import InspectedObject
from .officers import CertificateReminder, Officer
from .search import SearchEntry, SearchStatistics

__all__ = [
    "Article",
    "CertificateReminder",
    "InspectedObject",
    "Law",
    "LawFavourite",
    "Officer",
    "SearchEntry",
    "SearchStatistics",
]
