"""Organisations, users, roles, data scopes and login."""
