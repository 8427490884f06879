"""The one error type of the rules engine, shared by the Python, REST and command-line channels."""

from __future__ import annotations


class RuleError(Exception):
    """Bad input to a rule: unknown rule, missing or malformed parameter, inconsistent facts.

    ``code`` is a stable machine-readable string, ``message`` a Simplified Chinese sentence that
    names the parameter, ``field`` the parameter name (``None`` when the error is not about one
    parameter). ``as_json()`` is the error object every channel answers with.
    """

    def __init__(self, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def as_json(self) -> dict:
        """The error as ``{"code": ..., "message": ..., "field": ...}``."""
        return {"code": self.code, "message": self.message, "field": self.field}

    def __repr__(self) -> str:
        return f"RuleError({self.code!r}, {self.message!r}, field={self.field!r})"
