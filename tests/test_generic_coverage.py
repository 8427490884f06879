"""Every model with generic screens runs the generic suite, so that its data scopes, grants, API writes,
masking and change-history card are tested — a model added without such a test class fails here."""

import importlib
from pathlib import Path

from django.apps import apps
from django.urls import get_resolver

from tests.personal_data import HistoryCardTests
from tests.reach import ScopeTests
from zhifa.core.views.generic import registered_actions

TESTS = Path(__file__).parent


def suite_models() -> set:
    """The models of every test class that runs the scope and history-card tests, in the test modules."""
    models = set()
    for path in sorted(TESTS.rglob("test_*.py")):
        module = importlib.import_module(".".join(path.relative_to(TESTS.parent).with_suffix("").parts))
        for value in vars(module).values():
            generic = isinstance(value, type) and issubclass(value, ScopeTests) and issubclass(value, HistoryCardTests)
            if generic and value.model is not None:
                models.add(value.model)
    return models


def test_every_model_with_screens_runs_the_generic_suite():
    assert get_resolver().url_patterns  # loading the URLs registers every model view
    with_screens = {model for model in apps.get_models() if "detail" in registered_actions(model)}
    missing = sorted(model._meta.label for model in with_screens - suite_models())
    assert missing == []
