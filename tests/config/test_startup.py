"""Start-up as an operator sees it: real processes with a real environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k2v!9x#qz7p0w^m4r8t1y6u3i5o2e7a9s4d6f8g1h3j5k7l9z2x4c6v8b0n1m3q5w7",
    "SITE_URL": "https://conference.example.org",
    "DATABASE_URL": "postgres://zimmerwald@db.internal:5432/zimmerwald",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "DEFAULT_FROM_EMAIL": "Zimmerwald <noreply@example.org>",
}


def manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    ignored = {*PRODUCTION, "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in ignored}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **environment},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("environment", "variable"),
    [
        ({"DATABASE_URL": "postgres//broken"}, "DATABASE_URL"),
        ({**PRODUCTION, "SECRET_KEY": ""}, "SECRET_KEY"),
        ({**PRODUCTION, "SITE_URL": ""}, "SITE_URL"),
        ({"DEBUG": "perhaps"}, "DEBUG"),
    ],
)
def test_startup_with_bad_setting_stops_with_one_line(environment, variable):
    result = manage("check", **environment)

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"Configuration error: {variable} ")
    assert "Traceback" not in result.stderr


def test_check_deploy_with_production_values_has_no_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.stderr == ""
    assert result.returncode == 0
    assert result.stdout.startswith("System check identified no issues")


def show(expression: str, **environment: str) -> str:
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print(repr(({expression})))",
        **environment,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_without_redis_tasks_run_in_process_and_cache_is_local():
    clean = {"REDIS_URL": ""}

    assert show("settings.CELERY_TASK_ALWAYS_EAGER, settings.CACHES['default']['BACKEND']", **clean) == (
        "(True, 'django.core.cache.backends.locmem.LocMemCache')"
    )


def test_with_redis_tasks_go_to_the_broker_and_cache_is_shared():
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/3"}

    assert show(
        "settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL, settings.CACHES['default']", **redis
    ) == (
        "(False, 'redis://127.0.0.1:6379/3', "
        "{'BACKEND': 'config.cache.FailOpenRedisCache', 'LOCATION': 'redis://127.0.0.1:6379/3', "
        "'OPTIONS': {'socket_connect_timeout': 1, 'socket_timeout': 2}})"
    )


def test_celery_keeps_unacknowledged_tasks_longer_than_the_longest_task():

    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_ACCEPT_CONTENT == ["json"]
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > settings.CELERY_TASK_TIME_LIMIT


def test_the_schedule_command_finds_every_periodic_task_in_a_fresh_process(tmp_path):
    """`make run` starts `run_schedule` on its own: it must find the apps' tasks without a test that
    imported them first (it once stopped at once with NotRegistered)."""
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "REDIS_URL": ""}
    assert manage("migrate", "--noinput", **database).returncode == 0

    result = manage("run_schedule", "--once", **database)

    assert result.returncode == 0, result.stderr
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
