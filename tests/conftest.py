"""Shared fixtures.

Tests that need PostgreSQL, Redis, a spawned worker or Chromium skip on a laptop
that lacks them, saying why. With REQUIRE_SERVICES=1 (as .ci/run sets) they fail
instead, so that CI can never pass by skipping them.
"""

import os
import shutil
import socket
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.test import override_settings
from django.utils import translation

from events.enums import TeamRole
from tests.factories import MembershipFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))


def unavailable(reason: str) -> None:
    """Skip the test, or fail it when services are required."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_database_for_worker(url: str, worker_id: str) -> str:
    """REDIS_URL with the database index moved up by the xdist worker's number (gw0: +0, gw1: +1)."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    offset = int(worker_id.removeprefix("gw")) if worker_id.startswith("gw") else 0
    if base + offset > 15:
        pytest.exit(f"REDIS_URL database {base} leaves no Redis database for xdist worker {worker_id}")
    return urlunsplit(parts._replace(path=f"/{base + offset}"))


@pytest.fixture(scope="session", autouse=True)
def _redis_database_per_worker(worker_id):
    """Each xdist worker gets its own Redis database, so that one worker's cache.clear() (FLUSHDB)
    cannot wipe another's rate-limit counters or queued tasks."""
    if not settings.REDIS_URL:
        yield
        return
    location = redis_database_for_worker(settings.REDIS_URL, worker_id)
    with override_settings(
        CACHES={**settings.CACHES, "default": {**settings.CACHES["default"], "LOCATION": location}}
    ):
        yield


@pytest.fixture(scope="session", autouse=True)
def _uploads_in_a_temporary_directory(tmp_path_factory):
    """Uploaded files never land in the checkout's var/media."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    """Tasks run eagerly in tests, even when REDIS_URL is set; the real-worker tests use their own client."""
    from config.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real hashing costs a tenth of a second per user; the tests need only that it round-trips."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and other counters start from zero in every test, and no page piece is cached."""
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:  # as configured now: a test may have replaced them
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Every test starts in the site's language: a request in another one leaves it active in the
    thread (LocaleMiddleware activates it, nothing deactivates it), and a test after it would read its
    messages in that language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def sign_in_team(client):
    """sign_in_team(role, **factory fields): `client` signed in as a team member of a new conference
    (or of `conference=`); returns the membership."""

    def sign_in(role: str = TeamRole.ORGANIZER, **fields):
        membership = MembershipFactory(role=role, **fields)
        client.force_login(membership.user)
        return membership

    return sign_in


@pytest.fixture
def organizer(sign_in_team):
    """`client` signed in as an organizer of a new conference; the membership."""
    return sign_in_team()


@pytest.fixture
def redis_url() -> str:
    """This test worker's own Redis database (see _redis_database_per_worker)."""
    if not settings.REDIS_URL:
        unavailable("REDIS_URL is not set: no Redis to test against")
    import redis

    url = settings.CACHES["default"]["LOCATION"]
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        unavailable(f"Redis at REDIS_URL does not answer: {error}")
    return url


@pytest.fixture
def postgres(db) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        unavailable("DATABASE_URL does not point at PostgreSQL")


@pytest.fixture
def chromium_path() -> str:
    if not CHROMIUM.exists():
        unavailable(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("the playwright package is not installed")
    return str(CHROMIUM)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser(chromium_path, monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; Django's async-safety
    # check would otherwise refuse the ORM calls that the test and its fixtures make.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
            # Database connections opened by the test while Playwright ran live in Playwright's
            # context; close them here, or PostgreSQL refuses to drop the test database.
            connections.close_all()


@pytest.fixture
def celery_command() -> list[str]:
    executable = shutil.which("celery", path=str(Path(os.sys.executable).parent)) or shutil.which("celery")
    if executable is None:
        unavailable("the celery command is not installed")
    return [executable]


@pytest.fixture
def standards_dir() -> Path:
    """The exchange formats the exports must validate against (the project's ../shared/standards)."""
    root = Path(__file__).resolve().parents[1]
    candidates = [
        os.environ.get("STANDARDS_DIR", ""),
        root.parent / "shared/standards",
        "/work/shared/standards",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "schedule/schema.json").exists():
            return Path(candidate)
    unavailable("no ../shared/standards with the schedule schemas (set STANDARDS_DIR to their folder)")
