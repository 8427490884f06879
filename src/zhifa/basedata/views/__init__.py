"""Pages of the base-data context."""
