"""Shared fixtures.

Tests that need PostgreSQL, Redis, a spawned worker or Chromium skip on a laptop
that lacks them, saying why. With REQUIRE_SERVICES=1 (as .ci/run sets) they fail
instead, so that CI can never pass by skipping them.
"""

import os
import shutil
import socket
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

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


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and other counters start from zero in every test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def redis_url() -> str:
    if not settings.REDIS_URL:
        unavailable("REDIS_URL is not set: no Redis to test against")
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        unavailable(f"Redis at REDIS_URL does not answer: {error}")
    return settings.REDIS_URL


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


@pytest.fixture
def celery_command() -> list[str]:
    executable = shutil.which("celery", path=str(Path(os.sys.executable).parent)) or shutil.which("celery")
    if executable is None:
        unavailable("the celery command is not installed")
    return [executable]
