"""The real services: a Celery worker process on Redis, the Redis cache, PostgreSQL."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.core.cache import cache
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.services


def django_process_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **extra}


def test_celery_worker_process_runs_a_task_from_redis(redis_url, celery_command):
    queue = f"test-{uuid.uuid4().hex}"
    worker = subprocess.Popen(
        [
            *celery_command,
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--queues",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
            "--hostname",
            f"{queue}@%h",
        ],
        cwd=ROOT,
        env=django_process_env(REDIS_URL=redis_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    client = Celery("test-client", broker=redis_url, backend=redis_url)
    client.conf.update(task_serializer="json", result_serializer="json", accept_content=["json"])
    try:
        nonce = uuid.uuid4().hex
        result = client.send_task("config.ping", kwargs={"nonce": nonce}, queue=queue)

        answer = result.get(timeout=60)

        assert answer["nonce"] == nonce
        assert worker.poll() is None, "the worker should still be running"
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
        client.close()
    assert "Traceback" not in output


def test_redis_cache_is_shared_between_processes(redis_url, settings):
    assert settings.CACHES["default"] == {
        "BACKEND": "config.cache.FailOpenRedisCache",
        "LOCATION": redis_url,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
    }
    key, value = f"shared-{uuid.uuid4().hex}", "seen by another process"
    cache.set(key, value, timeout=60)

    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            f"from django.core.cache import cache; print(cache.get('{key}'))",
        ],
        cwd=ROOT,
        env=django_process_env(REDIS_URL=redis_url),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert result.stdout.strip() == value


def test_suite_runs_on_postgresql_when_configured(postgres):
    with connection.cursor() as cursor:
        cursor.execute("show server_version")
        version = cursor.fetchone()[0]

    assert int(version.split(".")[0]) >= 14


def test_each_test_worker_has_its_own_redis_database(redis_url):

    client = cache._cache.get_client()

    assert client.connection_pool.connection_kwargs["db"] == int(redis_url.rsplit("/", 1)[1])
    assert redis.Redis.from_url(redis_url).ping() is True
