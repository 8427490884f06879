"""Framework models: the base model, audit trail, numbering, attachments, todos, notifications."""

from .base import ZhifaModel
from .audit import AuditAction, AuditChainHead, AuditEntry
from .attachments import Attachment
from .numbering import NumberRule, NumberSequence
from .workbench import Notice, NoticeReceipt, Notification, Todo, TodoKind

__all__ = [
    "ZhifaModel",
    "AuditAction",
    "AuditChainHead",
    "AuditEntry",
    "Attachment",
    "NumberRule",
    "NumberSequence",
    "Notice",
    "NoticeReceipt",
    "Notification",
    "Todo",
    "TodoKind",
]
