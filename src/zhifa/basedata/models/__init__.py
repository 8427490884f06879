"""Models of the base-data context."""

from .laws import Article, Law, LawFavourite
from .search import SearchEntry, SearchStatistics

__all__ = ["Article", "Law", "LawFavourite", "SearchEntry", "SearchStatistics"]
