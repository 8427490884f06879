"""Services of the case module: every write to a case goes through one of these functions."""

from .cases import case_register, simple_decide

__all__ = ["case_register", "simple_decide"]
