"""Filters of the base-data lists and API, one module per topic (shared by the pages and the API)."""
