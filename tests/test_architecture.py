"""The import order of ARCHITECTURE.md: an app imports only the apps below it, except in its views
(`views.py`, `views_*.py`, `views/` and `urls.py`), which compose the domain apps and may import any
of them but `demo`.

Where the tree does not follow it yet, the exception is listed here by file and imported app; a new
upward import fails, and so does an exception that has gone (take it off the list, and off
ARCHITECTURE.md's "not there yet").
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = [
    "common",
    "accounts",
    "outbox",
    "events",
    "program",
    "registrations",
    "online",
    "proceedings",
    "api",
    "demo",
]
RANK = {app: rank for rank, app in enumerate(LAYERS)}

KNOWN_UPWARD_IMPORTS: set[tuple[str, str]] = set()


def is_view(path: Path) -> bool:
    relative = path.relative_to(ROOT)
    return (
        "views" in relative.parts[1:-1]
        or relative.name in {"views.py", "urls.py"}
        or (relative.name.startswith("views_"))
    )


def imported_apps(path: Path) -> set[str]:
    """The project apps a module imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found & RANK.keys()


def upward_imports() -> set[tuple[str, str]]:
    found = set()
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            ceiling = RANK["demo"] - 1 if is_view(path) and app != "demo" else RANK[app]
            for imported in imported_apps(path):
                if RANK[imported] > ceiling:
                    found.add((path.relative_to(ROOT).as_posix(), imported))
    return found


def test_every_app_of_the_layers_exists():
    assert [app for app in LAYERS if not (ROOT / app / "__init__.py").exists()] == []


def test_apps_import_only_the_apps_below_them():
    new = sorted(upward_imports() - KNOWN_UPWARD_IMPORTS)

    assert new == [], f"imports of a higher app (see ARCHITECTURE.md for the order): {new}"


def test_the_known_exceptions_still_exist():
    gone = sorted(KNOWN_UPWARD_IMPORTS - upward_imports())

    assert gone == [], f"no longer imported upward: take them off KNOWN_UPWARD_IMPORTS: {gone}"


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("events/views/public.py", True),
        ("events/views/manage/conferences.py", True),
        ("program/views/manage.py", True),
        ("program/urls.py", True),
        ("program/services.py", False),
        ("outbox/links.py", False),
    ],
)
def test_views_are_told_from_the_domain_modules(relative, expected):
    assert is_view(ROOT / relative) is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from registrations.models import Registration\n", {"registrations"}),
        ("def f():\n    import proceedings.selectors\n", {"proceedings"}),
        ("from django.db import models\nfrom . import enums\n", set()),
    ],
)
def test_imported_apps_sees_top_level_and_inline_imports(tmp_path, source, expected):
    module = tmp_path / "module.py"
    module.write_text(source)

    assert imported_apps(module) == expected
