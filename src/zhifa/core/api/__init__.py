"""REST plumbing shared by every app: pagination, structured errors, the API root."""
