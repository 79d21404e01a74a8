"""Redis stops: visitors get no server error, limits fall back to each process's memory with one
warning, mail waits in the outbox and leaves once Redis is back (a real redis-server on a free port)."""

import logging
import shutil
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from django.core.cache.backends.redis import RedisCache
from django.test import Client
from django.urls import reverse

from config import cache as fail_open
from config.celery import app
from outbox.enums import MessageStatus
from outbox.models import OutboxMessage
from outbox.tasks import sweep
from tests.conftest import free_port, unavailable
from tests.factories import PASSWORD, ConferenceFactory, RegistrationFactory, UserFactory
from tests.outbox.conftest import smtp_sink  # noqa: F401 - the fixture
from tests.outbox.test_worker import Worker, wait_until
from tests.registrations.test_views import form_data, register_url

BACKEND = "config.cache.FailOpenRedisCache"
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


class RedisServer:
    """A redis-server of the test's own, which it may stop and start again on the same port."""

    def __init__(self, binary: str, directory: Path) -> None:
        self.binary, self.directory, self.port = binary, directory, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        probe = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        assert wait_until(lambda: self._answers(probe), timeout=20), "redis-server did not start"

    @staticmethod
    def _answers(probe) -> bool:
        try:
            return probe.ping()
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@pytest.fixture
def own_redis(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        unavailable("redis-server is not installed")
    server = RedisServer(binary, tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def celery_broker(url: str):
    """The Celery app publishes to `url` for real (not eagerly) inside the block."""

    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = url, False
    app._pool = app.amqp._producer_pool = None
    try:
        yield
    finally:
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = app.amqp._producer_pool = None
        app.conf.broker_url, app.conf.task_always_eager = saved


def test_without_redis_no_request_fails_and_mail_leaves_when_redis_returns(
    client,
    settings,
    postgres,
    own_redis,
    celery_command,
    smtp_sink,  # noqa: F811 - the fixture imported above
    caplog,
    tmp_path,
):
    options = {"socket_connect_timeout": 1, "socket_timeout": 2}
    settings.CACHES = {"default": {"BACKEND": BACKEND, "LOCATION": own_redis.url, "OPTIONS": options}}
    conference = ConferenceFactory(capacity=10)
    member = UserFactory()
    own = RegistrationFactory(conference=conference, email=member.email)
    signup = {"email": "new@example.org", "full_name": "New Person", "timezone": "UTC",
              "password1": "a-long-test-password", "password2": "a-long-test-password"}  # fmt: skip
    caplog.set_level(logging.WARNING, logger="config.cache")
    client.raise_request_exception = False  # a server error is an answer to count, not an exception

    with celery_broker(own_redis.url):
        own_redis.stop()
        started = time.monotonic()
        answers = {
            "register": client.post(register_url(conference), form_data(email="ana@example.org")),
            "sign-up": Client(raise_request_exception=False).post(reverse("account_signup"), signup),
            "password reset": client.post(reverse("account_reset_password"), {"email": member.email}),
            "sign-in": client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD}),
            "mail my link": client.post(
                reverse("registrations:registration-link-send", kwargs={"pk": own.pk})
            ),
        }
        seconds = time.monotonic() - started
        queued = list(OutboxMessage.objects.order_by("recipient").values_list("recipient", "status"))

        own_redis.start()
        swept = sweep()
        worker = Worker(celery_command, queue="celery", redis_url=own_redis.url, smtp_port=smtp_sink.port,
                        log=tmp_path / "worker.log")  # fmt: skip
        try:
            delivered = wait_until(
                lambda: not OutboxMessage.objects.exclude(status=MessageStatus.SENT).exists(), timeout=60
            )
        finally:
            worker.stop()

    assert {name: response.status_code for name, response in answers.items()} == {
        "register": 302, "sign-up": 302, "password reset": 302, "sign-in": 302, "mail my link": 302
    }  # fmt: skip
    assert seconds < 10  # a refused connection fails fast; nothing waits for Redis
    assert [
        (record.levelname, record.name) for record in caplog.records if record.name == "config.cache"
    ] == [("WARNING", "config.cache")]
    assert queued == [("ana@example.org", MessageStatus.QUEUED), (member.email, MessageStatus.QUEUED)]
    assert len(swept) == 2
    assert delivered, (tmp_path / "worker.log").read_text()[-3000:]
    sent_ids = set(OutboxMessage.objects.values_list("message_id", flat=True))
    assert sent_ids <= set(smtp_sink.message_ids())


def test_fail_open_cache_uses_memory_while_redis_is_down_and_redis_once_back(own_redis, caplog, monkeypatch):

    monkeypatch.setattr(fail_open, "_outages", {})
    cache = fail_open.FailOpenRedisCache(own_redis.url, {"OPTIONS": {"socket_connect_timeout": 1}})
    caplog.set_level(logging.INFO, logger="config.cache")

    own_redis.stop()
    during = [cache.add("limit", 1, 60), cache.incr("limit"), cache.get("limit"), cache.add("limit", 1, 60)]
    during += [cache.set(f"key{n}", n, 60) or cache.get(f"key{n}") for n in range(50)]
    own_redis.start()
    fail_open._outages[own_redis.url].retry_at = 0  # RETRY_SECONDS later
    cache.set("after", "in redis", 60)

    assert during == [True, 2, 2, False, *range(50)]
    assert RedisCache(own_redis.url, {}).get("after") == "in redis"
    assert [record.levelname for record in caplog.records if record.name == "config.cache"] == [
        "WARNING",
        "INFO",
    ]
