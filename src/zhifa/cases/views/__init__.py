"""Pages of the case module."""
