"""Project hygiene that CI must enforce: migrations match the models, and ruff is clean."""

import os
import re
import shutil
import subprocess
import sys
import tomllib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.django_db
def test_models_and_migrations_agree():
    output = StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=output)

    assert output.getvalue() == "No changes detected\n"


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]])
def test_ruff_is_clean(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr


# The import name of each test-only distribution in pyproject.toml's "test" extra.
TEST_ONLY_IMPORTS = {
    "pytest": "pytest", "pytest-django": "pytest_django", "pytest-xdist": "xdist",
    "factory_boy": "factory", "hypothesis": "hypothesis", "playwright": "playwright",
    "jsonschema": "jsonschema", "aiosmtpd": "aiosmtpd", "ruff": "ruff", "pypdf": "pypdf",
    "vobject": "vobject", "schemathesis": "schemathesis",
}  # fmt: skip
APPLICATION = [
    "accounts",
    "common",
    "config",
    "demo",
    "events",
    "outbox",
    "proceedings",
    "program",
    "registrations",
]


def test_the_application_imports_nothing_that_only_the_tests_install():
    """A production install has only the main dependencies: schedule.xml once failed for want of lxml."""

    root = Path(__file__).resolve().parents[1]
    extra = tomllib.loads((root / "pyproject.toml").read_text())["project"]["optional-dependencies"]["test"]
    distributions = {re.split(r"[<>=!~\[ ]", requirement)[0].lower() for requirement in extra}
    assert distributions <= set(TEST_ONLY_IMPORTS), (
        f"name the import of {distributions - set(TEST_ONLY_IMPORTS)}"
    )
    modules = "|".join(re.escape(TEST_ONLY_IMPORTS[name]) for name in distributions)
    pattern = re.compile(rf"^\s*(from|import)\s+({modules})(\.|\s|$)", re.MULTILINE)
    offenders = [
        str(path.relative_to(root))
        for package in APPLICATION
        for path in (root / package).rglob("*.py")
        if pattern.search(path.read_text())
    ]

    assert offenders == []


@pytest.mark.parametrize(
    ("arguments", "environment", "expected"),
    [
        (["PORT=8101"], {}, "http://127.0.0.1:8101"),
        (["HOST=192.168.1.5", "PORT=9000"], {}, "http://192.168.1.5:9000"),
        ([], {"SITE_URL": "https://conference.example.org"}, "https://conference.example.org"),
    ],
)
def test_make_run_mails_links_to_the_address_it_serves_on(arguments, environment, expected):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    root = Path(__file__).resolve().parents[1]
    clean = {key: value for key, value in os.environ.items() if key not in {"SITE_URL", "HOST", "PORT"}}

    result = subprocess.run(
        ["make", "-s", "print-run-site-url", *arguments],
        cwd=root, env={**clean, **environment}, capture_output=True, text=True, check=True, timeout=30,
    )  # fmt: skip

    assert result.stdout.strip() == expected


def test_make_run_parses_with_and_without_a_site_url():
    """A dry run of `make run`: a Makefile that make refuses (a self-referencing variable once) fails here."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    root = Path(__file__).resolve().parents[1]
    for environment in ({}, {"SITE_URL": "https://conference.example.org"}):
        clean = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
        result = subprocess.run(
            ["make", "-n", "run", "PORT=8101"], cwd=root, env={**clean, **environment},
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "runserver 127.0.0.1:8101" in result.stdout
