"""The outbox with real parts: PostgreSQL, Redis, `celery worker` processes and an SMTP server on loopback."""

import os
import signal
import subprocess
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection
from django.utils import timezone

from outbox import services
from outbox.enums import MessageStatus
from outbox.models import OutboxMessage

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
COUNT = 300
CHUNK = 10


def database_url() -> str:
    """The test database, as a URL a worker process can connect to."""
    database = connection.settings_dict
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    address = f"{database['HOST']}:{database['PORT'] or 5432}"
    return f"postgres://{database['USER']}{password}@{address}/{database['NAME']}"


class Worker:
    def __init__(self, celery_command, *, queue: str, redis_url: str, smtp_port: int, log: Path) -> None:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        }
        self.log = log.open("a")
        self.process = subprocess.Popen(
            [*celery_command, "-A", "config", "worker", "--pool=solo", "--queues", queue, "--without-gossip",
             "--without-mingle", "--loglevel=WARNING", "--hostname", f"{uuid.uuid4().hex}@%h"],
            cwd=ROOT, env=environment, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.log.close()


def wait_until(condition, *, timeout: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def send_to_worker(client: Celery, queue: str, ids: list[int]) -> None:
    for start in range(0, len(ids), CHUNK):
        client.send_task("outbox.deliver", kwargs={"message_ids": ids[start : start + CHUNK]}, queue=queue)


def test_killing_a_worker_mid_run_loses_no_mail_and_duplicates_only_what_was_in_flight(
    postgres, redis_url, celery_command, smtp_sink, tmp_path, monkeypatch
):
    with monkeypatch.context() as patch:
        patch.setattr(services, "enqueue_delivery", lambda ids: None)  # the test hands the rows to its queue
        messages = [
            services.queue_mail(to=f"person{n}@example.org", subject=f"Invitation {n}", text="Dear colleague",
                                idempotency_key=f"test:{n}")
            for n in range(COUNT)
        ]  # fmt: skip
    ids = [message.pk for message in messages]
    smtp_sink.delay = 0.02
    queue = f"outbox-test-{uuid.uuid4().hex}"
    client = Celery("test-client", broker=redis_url)
    client.conf.update(task_serializer="json", accept_content=["json"])
    log = tmp_path / "workers.log"
    first = Worker(celery_command, queue=queue, redis_url=redis_url, smtp_port=smtp_sink.port, log=log)
    second = None
    try:
        send_to_worker(client, queue, ids)
        assert wait_until(lambda: len(smtp_sink.received) >= COUNT // 3, timeout=90), log.read_text()[-3000:]
        first.kill()
        in_flight = OutboxMessage.objects.filter(status=MessageStatus.SENDING).count()
        received_at_kill = len(smtp_sink.received)

        # What a beat sweep does once the claims are stale: free them, and queue every due row again.
        services.release_stale_claims(claimed_before=timezone.now())
        due = list(OutboxMessage.objects.due().values_list("pk", flat=True))
        second = Worker(celery_command, queue=queue, redis_url=redis_url, smtp_port=smtp_sink.port, log=log)
        send_to_worker(client, queue, due)

        everything_sent = wait_until(
            lambda: not OutboxMessage.objects.exclude(status=MessageStatus.SENT).exists(), timeout=120
        )
    finally:
        first.stop()
        if second is not None:
            second.stop()
        client.close()

    assert everything_sent, log.read_text()[-3000:]
    counts = Counter(smtp_sink.message_ids())
    duplicates = sum(count - 1 for count in counts.values())
    assert set(counts) == {message.message_id for message in messages}
    assert duplicates <= in_flight <= 1  # a solo worker holds at most one row at a time
    assert COUNT // 3 <= received_at_kill < COUNT
