from pathlib import Path

import pytest

from tests.conftest import unavailable

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def axe_script() -> Path:
    """axe-core's script (node_modules/axe-core, from package-lock.json), to add to a browser context."""
    if not AXE.exists():
        unavailable("node_modules/axe-core is missing: run `npm ci` (make test does)")
    return AXE


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()
