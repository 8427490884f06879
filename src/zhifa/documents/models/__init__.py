from .documents import DocumentTemplate, IssuedDocument

__all__ = ["DocumentTemplate", "IssuedDocument"]
