"""Generic object views (NetBox-style): list, detail, edit, delete, bulk edit/delete, export, import.

Apps subclass them with a handful of attributes, register them with ``register_model_view`` and
get their URL patterns from ``get_model_urls``; see docs/development/adding-a-model.md.
"""

from .base import GATE_ACTION, GenericView, ObjectViewMixin
from .bulk import BulkDeleteView, BulkEditView
from .exchange import ObjectExportView, ObjectImportView
from .objects import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView
from .registry import get_model_urls, model_url, register_model_view, registered_actions
from .writes import DeleteRefused, ModelService, ScopeViolation, delete_with_service, register_model_service, save_form

__all__ = [
    "GATE_ACTION",
    "GenericView",
    "ObjectViewMixin",
    "BulkDeleteView",
    "BulkEditView",
    "ObjectExportView",
    "ObjectImportView",
    "ObjectDeleteView",
    "ObjectDetailView",
    "ObjectEditView",
    "ObjectListView",
    "get_model_urls",
    "model_url",
    "register_model_view",
    "registered_actions",
    "DeleteRefused",
    "ModelService",
    "ScopeViolation",
    "delete_with_service",
    "register_model_service",
    "save_form",
]
