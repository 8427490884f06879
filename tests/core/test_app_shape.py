"""Every app has the one shape of docs/decisions/0012-app-shape.md: each layer in its own module or package.

The checks read the source (``ast``), so they hold for an app added tomorrow: a Table defined in a
views module, a form in a view, a feature sub-package (``basedata/objects/`` with its own tables and
filters), menu entries outside ``menu.py`` or a class built with ``type()`` fail here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import zhifa

SRC = Path(zhifa.__file__).parent

#: The layers: a module ``<layer>.py`` or a package ``<layer>/`` with one module per topic.
LAYER_PACKAGES = {
    "models", "services", "selectors", "filtersets", "tables", "forms", "views", "api", "demo", "management",
    "migrations", "templatetags", "actions",
}
#: Sub-packages that are one library, not a feature: they hold no layer code (checked below).
LIBRARIES = {
    "basedata": {"search": "the full-text search engine", "lawtext": "the parser of law files"},
    "legal": {"rules": "the catalogue of legal rules"},
    "core": {"notifications": "the notification channels (framework)"},
    "documents": {"contexts": "the builders of the data a document is filled from"},
}
#: Packages inside a layer package (everything else there is one module per topic).
NESTED = {("management", "commands"), ("views", "generic")}
#: Where each kind of layer code may be defined (the module's layer: ``views/objects.py`` → ``views``).
HOME = {
    "Table": {"tables"},
    "FilterSet": {"filtersets"},
    "Form": {"forms"},
    "FormSet": {"forms"},
    "Serializer": {"api/serializers"},
    "ViewSet": {"api/views"},
    "APIView": {"api/views"},
    "View": {"views", "api/views"},
}
URLS = {"urls", "api/urls"}
#: Framework factories that derive a form class per request (like Django's ``modelform_factory``); no
#: app builds its classes this way.
FORM_FACTORIES = {
    "core/views/generic/writes.py": "an edit form extended by the fields its model service asks for",
}
LAYER_WORDS = ("menu", "views", "forms", "tables", "filtersets", "services", "selectors", "urls", "serializers",
               "demo", "actions")


def apps() -> list[Path]:
    return sorted(path.parent for path in SRC.glob("*/apps.py"))


def modules(app: Path) -> list[Path]:
    return sorted(path for path in app.rglob("*.py") if "migrations" not in path.relative_to(app).parts)


def layer_of(app: Path, path: Path) -> str:
    """``views`` for ``views.py`` and ``views/objects.py``; ``api/views`` for ``api/views.py``."""
    parts = path.relative_to(app).with_suffix("").parts
    if parts[0] == "api" and len(parts) > 1:
        return f"api/{parts[1]}"
    return parts[0]


def base_names(node: ast.ClassDef) -> list[str]:
    names = []
    for base in node.bases:
        if isinstance(base, ast.Name):
            names.append(base.id)
        elif isinstance(base, ast.Attribute):
            names.append(base.attr)
    return names


def kind_of(node: ast.ClassDef) -> str | None:
    """The layer kind a class belongs to by its bases (``ZhifaTable`` → ``Table``), or ``None``."""
    for name in base_names(node):
        for kind in ("ViewSet", "APIView", "FormSet", "Serializer", "FilterSet", "Table", "Form", "View"):
            if name.endswith(kind) and not name.endswith("Mixin"):
                return kind
    return None


def layer_code(tree: ast.AST) -> list[tuple[str, int]]:
    """What of ``tree`` is layer code: (kind, line) for classes, url lists, menu entries, model views and the
    case page's registered tabs and actions."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and kind_of(node):
            found.append((kind_of(node), node.lineno))
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "urlpatterns"
                                                  for t in node.targets):
            found.append(("urlpatterns", node.lineno))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "MenuItem":
                found.append(("MenuItem", node.lineno))
            elif node.func.id == "register_model_view":
                found.append(("register_model_view", node.lineno))
            elif node.func.id in ("register_action", "register_tab"):
                found.append(("case page part", node.lineno))
    return found


def misplaced(app: Path, root: Path = SRC) -> list[str]:
    """Layer code outside its layer, e.g. ``basedata/views/records.py:30 Table``."""
    wrong = []
    for path in modules(app):
        layer = layer_of(app, path)
        for kind, line in layer_code(ast.parse(path.read_text(encoding="utf-8"))):
            if kind == "urlpatterns":
                allowed = URLS
            elif kind == "MenuItem":
                allowed = {"menu"}
            elif kind == "register_model_view":
                allowed = {"views"}
            elif kind == "case page part":
                allowed = {"actions"}
            else:
                allowed = HOME[kind]
            if layer not in allowed:
                wrong.append(f"{path.relative_to(root)}:{line} {kind}")
    return wrong


def built_with_type(path: Path) -> list[int]:
    """Lines where a class is built with three-argument ``type(name, bases, namespace)``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "type"
            and len(node.args) == 3]


def packages(app: Path) -> list[Path]:
    return sorted(path.parent for path in app.glob("*/__init__.py"))


@pytest.mark.parametrize("app", apps(), ids=lambda path: path.name)
def test_layer_code_lives_in_its_layer(app):
    assert misplaced(app) == []


@pytest.mark.parametrize("app", apps(), ids=lambda path: path.name)
def test_no_feature_sub_packages(app):
    libraries = LIBRARIES.get(app.name, {})
    strays = [package.name for package in packages(app) if package.name not in LAYER_PACKAGES | set(libraries)]
    assert strays == []
    nested = [f"{package.name}/{inner.name}" for package in packages(app) if package.name in LAYER_PACKAGES
              for inner in packages(package) if (package.name, inner.name) not in NESTED]
    assert nested == []
    for name in libraries:
        library = app / name
        holds = [(path.relative_to(SRC), code) for path in sorted(library.rglob("*.py"))
                 if (code := layer_code(ast.parse(path.read_text(encoding="utf-8"))))]
        assert holds == [], f"{name} ({libraries[name]}) holds layer code"


@pytest.mark.parametrize("app", apps(), ids=lambda path: path.name)
def test_no_layer_split_into_loose_modules(app):
    """``menu_people.py``, ``user_services.py`` or ``workbench_demo.py`` belong in the layer's package."""
    loose = [path.name for path in app.glob("*.py")
             if any(path.stem.startswith(f"{word}_") or path.stem.endswith(f"_{word}") for word in LAYER_WORDS)]
    assert loose == []


def test_no_class_is_built_with_type():
    found = {str(path.relative_to(SRC)): lines for path in sorted(SRC.rglob("*.py"))
             if "migrations" not in path.parts and (lines := built_with_type(path))}
    assert set(found) == set(FORM_FACTORIES)
    assert all(len(lines) == 1 for lines in found.values())


def test_the_checks_see_a_table_in_a_view_module_and_a_type_built_view(tmp_path):
    app = tmp_path / "newapp"
    (app / "views").mkdir(parents=True)
    (app / "apps.py").write_text("")
    (app / "views" / "__init__.py").write_text("")
    (app / "views" / "things.py").write_text(
        "class ThingTable(ZhifaTable):\n    pass\n\n\n"
        "ThingListView = type('ThingListView', (ObjectListView,), {})\n"
    )
    (app / "menu_things.py").write_text("register(MenuItem(group='基础数据', label='x', url_name='a:b'))\n")
    assert misplaced(app, root=tmp_path) == ["newapp/menu_things.py:1 MenuItem", "newapp/views/things.py:1 Table"]
    assert built_with_type(app / "views" / "things.py") == [5]
