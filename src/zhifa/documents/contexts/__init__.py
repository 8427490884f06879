"""What a document is filled from: its subject (a case today) and the context providers of other modules.

A subject model is registered once with ``register_subject``: how to find its unit, which document
kinds apply to it, and how to build its base context. Other modules add sections with
``register_context_provider(name, fn, model=...)``: ``fn(subject) -> dict`` becomes
``context[name]`` (e.g. ``hearing``, ``execution``); a provider returns ``{}`` when it has nothing,
so the documents that need its keys are refused, naming each missing field, and the others render
with that section empty. Context values are plain JSON data (text, numbers, lists, dicts): they
are frozen into the issued document and are all a template can see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class SubjectKind:
    """A model whose records documents are issued for."""

    model: type[models.Model]
    unit: Callable[[Any], Any]
    procedure: Callable[[Any], str]
    base_context: Callable[[Any], dict]
    lock: Callable[[Any], Any]


_SUBJECTS: dict[type, SubjectKind] = {}
_PROVIDERS: dict[type, dict[str, Callable[[Any], dict]]] = {}


def register_subject(kind: SubjectKind) -> SubjectKind:
    """Make ``kind.model`` a document subject."""
    _SUBJECTS[kind.model] = kind
    return kind


def subject_kind(subject) -> SubjectKind:
    """The registration of ``subject``'s model; a programming error when there is none."""
    try:
        return _SUBJECTS[type(subject)]
    except KeyError:
        raise LookupError(f"{type(subject).__name__} is not a document subject") from None


def register_context_provider(name: str, fn: Callable[[Any], dict], *, model: type[models.Model]) -> None:
    """Add the section ``name`` to the context of every document of a ``model`` subject."""
    providers = _PROVIDERS.setdefault(model, {})
    if name in providers and providers[name] is not fn:
        raise ValueError(f"context provider {name!r} registered twice")
    providers[name] = fn


def providers_for(model: type[models.Model]) -> dict[str, Callable[[Any], dict]]:
    """The registered providers of ``model``'s subjects, by section name."""
    return dict(_PROVIDERS.get(model, {}))


def build_context(subject) -> dict:
    """The subject's base context with every provider's section (JSON data only)."""
    context = subject_kind(subject).base_context(subject)
    for name, provider in providers_for(type(subject)).items():
        context[name] = provider(subject) or {}
    return context


def lookup(context: dict, key: str) -> Any:
    """The value at a dotted ``key`` (``"party.name"``), or ``None`` when any part is missing."""
    value: Any = context
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def is_filled(value: Any) -> bool:
    """Whether a context value counts as given: not None, not blank text, not an empty list or section."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return bool(value)
    return True


def missing_fields(context: dict, required: list[dict]) -> list[str]:
    """The labels of the ``required`` fields (``{"key", "label"}``) that are empty in ``context``."""
    return [field["label"] for field in required if not is_filled(lookup(context, field["key"]))]
