"""REST API of the organisation context."""
