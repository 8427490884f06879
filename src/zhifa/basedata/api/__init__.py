"""REST API of the base-data context (mounted at ``/api/basedata/``)."""
