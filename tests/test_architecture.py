"""The import order of ARCHITECTURE.md: an app imports only the apps below it.

Where the tree does not follow it yet, the exception is listed here by file and imported app; a new
upward import fails, and so does an exception that has gone (take it off the list, and off
ARCHITECTURE.md's "not there yet").
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["common", "accounts", "outbox", "events", "program", "registrations", "proceedings", "demo"]
RANK = {app: rank for rank, app in enumerate(LAYERS)}

KNOWN_UPWARD_IMPORTS = {
    ("outbox/links.py", "events"),
    ("outbox/links.py", "registrations"),
    ("outbox/views/manage.py", "events"),
    ("program/services.py", "registrations"),
    ("program/signals.py", "registrations"),
    ("events/views/public.py", "proceedings"),
    ("registrations/views/me.py", "proceedings"),
}


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
            for imported in imported_apps(path):
                if RANK[imported] > RANK[app]:
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
