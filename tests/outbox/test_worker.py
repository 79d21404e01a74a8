"""The outbox with real parts: PostgreSQL, Redis, `celery worker` processes and an SMTP server on loopback."""

import os
import signal
import subprocess
import time
import uuid
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from common.templatetags.zimmerwald import isolate
from events.enums import TeamRole
from events.models import Campaign, CampaignRecipient
from events.services import campaigns
from outbox import delivery, services, tasks
from outbox.enums import MessageStatus
from outbox.models import OutboxMessage
from registrations.services import register
from tests.factories import ConferenceFactory, MembershipFactory

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
    def __init__(
        self, celery_command, *, queue: str, redis_url: str, smtp_port: int, log: Path, pool: str = "solo"
    ) -> None:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        }
        self.log = log.open("a")
        self.process = subprocess.Popen(
            [*celery_command, "-A", "config", "worker", f"--pool={pool}", "--queues", queue,
             "--without-gossip", "--without-mingle", "--loglevel=WARNING",
             "--hostname", f"{uuid.uuid4().hex}@%h"],
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


@pytest.mark.parametrize("pool", ["solo", "threads"])
def test_killing_a_worker_mid_run_loses_no_mail_and_duplicates_only_what_was_in_flight(
    postgres, redis_url, celery_command, smtp_sink, tmp_path, monkeypatch, settings, pool
):
    with monkeypatch.context() as patch:
        patch.setattr(tasks, "enqueue_delivery", lambda ids: None)  # the test hands the rows to its queue
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
    first = Worker(
        celery_command, queue=queue, redis_url=redis_url, smtp_port=smtp_sink.port, log=log, pool=pool
    )
    second = None
    try:
        send_to_worker(client, queue, ids)
        assert wait_until(lambda: len(smtp_sink.received) >= COUNT // 3, timeout=90), log.read_text()[-3000:]
        first.kill()
        in_flight = OutboxMessage.objects.filter(status=MessageStatus.SENDING).count()
        received_at_kill = len(smtp_sink.received)

        # What a beat sweep does once the claims are stale: free them, and queue every due row again.
        delivery.release_stale_claims(claimed_before=timezone.now())
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
    # A worker holds at most one row per task it runs at once: one in solo, its concurrency in threads.
    assert duplicates <= in_flight <= (1 if pool == "solo" else settings.CELERY_WORKER_CONCURRENCY)
    assert COUNT // 3 <= received_at_kill < COUNT


# A campaign sent with send_campaign(), delivered by real workers -----------------------------------


def a_campaign(size: int) -> Campaign:
    conference = ConferenceFactory(title="Conference of the Left")
    campaign = Campaign.objects.create(conference=conference, name="First call", default_language="en")
    campaigns.save_message(
        campaign, language="en", subject="Invitation to {conference}", body="Dear {name},\n\nAnswer: {link}\n"
    )
    CampaignRecipient.objects.bulk_create(
        CampaignRecipient(
            campaign=campaign, email=f"delegate{n}@example.org", name=f"Delegate {n}", language="en"
        )
        for n in range(size)
    )
    return campaign


def send(campaign: Campaign, monkeypatch) -> list[int]:
    """send_campaign(), keeping the ids it hands over after its commit so that the test queues them."""
    handed_over = []
    with monkeypatch.context() as patch:
        patch.setattr(tasks, "enqueue_delivery", handed_over.extend)
        report = campaigns.send_campaign(campaign)
    assert report.invited == len(handed_over) == campaign.recipients.count()
    return handed_over


@contextmanager
def workers(count: int, celery_command, *, redis_url: str, smtp_port: int, log: Path, pool: str = "solo"):
    """`count` workers (solo unless told) on a private queue, and a client that sends them the outbox ids."""
    queue = f"outbox-test-{uuid.uuid4().hex}"
    client = Celery("test-client", broker=redis_url)
    client.conf.update(task_serializer="json", accept_content=["json"])
    started = [
        Worker(celery_command, queue=queue, redis_url=redis_url, smtp_port=smtp_port, log=log, pool=pool)
        for _ in range(count)
    ]
    try:
        yield lambda ids: send_to_worker(client, queue, ids)
    finally:
        for worker in started:
            worker.stop()
        client.close()


def all_settled() -> bool:
    """Every row tried at least once and none in a worker's hands."""
    return (
        not OutboxMessage.objects.filter(attempts=0).exists()
        and not OutboxMessage.objects.filter(status=MessageStatus.SENDING).exists()
    )


def duplicates_of(received: Counter) -> int:
    return sum(count - 1 for count in received.values())


# Production's pool (settings.CELERY_WORKER_POOL): several deliveries at once in each worker.
@pytest.mark.parametrize("pool", ["solo", "threads"])
def test_a_campaign_of_300_reaches_each_recipient_exactly_once(
    postgres, redis_url, celery_command, smtp_sink, tmp_path, monkeypatch, pool
):
    campaign = a_campaign(COUNT)
    ids = send(campaign, monkeypatch)
    log = tmp_path / "workers.log"

    with workers(
        2, celery_command, redis_url=redis_url, smtp_port=smtp_sink.port, log=log, pool=pool
    ) as hand_over:
        hand_over(ids)
        arrived = wait_until(lambda: len(smtp_sink.received) >= COUNT and all_settled(), timeout=60)
        time.sleep(0.5)  # a duplicate would come in now

    assert arrived, log.read_text()[-3000:]
    rows = OutboxMessage.objects.filter(batch=campaign.outbox_batch)
    assert sorted(rows.values_list("pk", flat=True)) == sorted(ids)
    assert set(rows.values_list("status", flat=True)) == {MessageStatus.SENT}
    received = Counter(smtp_sink.message_ids())
    assert duplicates_of(received) == 0
    assert set(received) == set(rows.values_list("message_id", flat=True))
    addressees = [message["To"].addresses[0].addr_spec for message in smtp_sink.received]
    assert len(addressees) == len(set(addressees)) == COUNT
    assert set(addressees) == set(campaign.recipients.values_list("email", flat=True))


def test_a_server_that_answers_451_for_a_while_gets_every_mail_once_after_retries(
    postgres, redis_url, celery_command, smtp_sink, tmp_path, monkeypatch
):
    size, refused = 120, 40
    campaign = a_campaign(size)
    ids = send(campaign, monkeypatch)
    smtp_sink.refusal, smtp_sink.refusals_left = "451 4.3.0 Try later", refused
    log = tmp_path / "workers.log"

    with workers(1, celery_command, redis_url=redis_url, smtp_port=smtp_sink.port, log=log) as hand_over:
        hand_over(ids)
        first_pass = wait_until(all_settled, timeout=60)
        assert first_pass, log.read_text()[-3000:]
        waiting = OutboxMessage.objects.filter(status=MessageStatus.QUEUED)
        assert smtp_sink.refusals_left == 0
        assert waiting.count() == refused and len(smtp_sink.received) == size - refused
        assert all("451" in error for error in waiting.values_list("last_error", flat=True))
        assert not waiting.filter(next_attempt_at__lte=timezone.now()).exists()  # backed off
        # The worker scheduled one retry per refusal on the default queue, with its countdown.
        assert redis.Redis.from_url(redis_url).llen("celery") == refused

        # What beat's sweep does once the backoff is over, without waiting 30 s for it.
        waiting.update(next_attempt_at=timezone.now())
        with monkeypatch.context() as patch:
            patch.setattr(tasks, "enqueue_delivery", hand_over)
            assert len(tasks.sweep()) == refused
        arrived = wait_until(
            lambda: not OutboxMessage.objects.exclude(status=MessageStatus.SENT).exists(), timeout=30
        )
        time.sleep(0.5)  # a duplicate would come in now

    assert arrived, log.read_text()[-3000:]
    rows = OutboxMessage.objects.filter(batch=campaign.outbox_batch)
    assert Counter(rows.values_list("attempts", flat=True)) == {1: size - refused, 2: refused}
    assert set(rows.values_list("last_error", flat=True)) == {""}
    received = Counter(smtp_sink.message_ids())
    assert len(smtp_sink.received) == size and duplicates_of(received) == 0
    assert set(received) == set(rows.values_list("message_id", flat=True))


def test_a_550_fails_the_mail_at_once_and_the_organizers_outbox_page_shows_why(
    postgres, redis_url, celery_command, smtp_sink, tmp_path, monkeypatch, client
):
    size, refused = 20, 3
    campaign = a_campaign(size)
    ids = send(campaign, monkeypatch)
    smtp_sink.refusal, smtp_sink.refusals_left = "550 5.1.1 No such user here", refused
    log = tmp_path / "workers.log"

    with workers(1, celery_command, redis_url=redis_url, smtp_port=smtp_sink.port, log=log) as hand_over:
        hand_over(ids)
        settled = wait_until(all_settled, timeout=60)

    assert settled, log.read_text()[-3000:]
    failed = OutboxMessage.objects.filter(status=MessageStatus.FAILED)
    assert failed.count() == refused and len(smtp_sink.received) == size - refused
    assert set(failed.values_list("attempts", flat=True)) == {1}  # no retry for a permanent refusal
    assert all(
        "550" in error and "No such user here" in error
        for error in failed.values_list("last_error", flat=True)
    )

    membership = MembershipFactory(conference=campaign.conference, role=TeamRole.VIEWER)
    client.force_login(membership.user)
    response = client.get(reverse("outbox:manage-message-list", kwargs={"slug": campaign.conference.slug}))

    assert response.status_code == 200
    assert response.context["counts"]["failed"] == refused
    assert response.context["counts"]["sent"] == size - refused
    page = response.content.decode()
    assert "550" in page and "No such user here" in page
    for mail in failed:
        assert mail.recipient in page


def test_a_worker_process_writes_the_registrations_mails_from_their_rows_in_their_languages(
    postgres, redis_url, celery_command, smtp_sink, tmp_path, monkeypatch
):
    conference = ConferenceFactory(title="Conference of the Bench", capacity=1)
    handed_over = []
    monkeypatch.setattr(tasks, "enqueue_delivery", handed_over.extend)
    for email, language in [("ana@example.org", "es"), ("omar@example.org", "ar")]:
        register(conference, full_name="Someone", email=email, country="FR", language=language)
    queued = list(OutboxMessage.objects.order_by("pk").values_list("subject", "render_with"))
    log = tmp_path / "workers.log"

    with workers(1, celery_command, redis_url=redis_url, smtp_port=smtp_sink.port, log=log) as hand_over:
        hand_over(handed_over)
        arrived = wait_until(lambda: len(smtp_sink.received) >= 2 and all_settled(), timeout=60)

    assert arrived, log.read_text()[-3000:]
    assert queued == [("", "registrations.status")] * 2
    received = {message["To"].addresses[0].addr_spec: message for message in smtp_sink.received}
    expected = {}
    for email, language, text in [
        ("ana@example.org", "es", "Your registration for %(title)s is confirmed"),
        ("omar@example.org", "ar", "You are on the waiting list for %(title)s"),
    ]:
        with translation.override(language):
            expected[email] = gettext(text) % {"title": isolate(conference.title)}
    assert {email: message["Subject"] for email, message in received.items()} == expected
    methods = {
        email: [
            part.get_param("method") for part in message.walk() if part.get_content_type() == "text/calendar"
        ]
        for email, message in received.items()
    }
    assert methods == {"ana@example.org": ["REQUEST", "REQUEST"], "omar@example.org": []}
    assert set(OutboxMessage.objects.values_list("render_with", "status")) == {("", MessageStatus.SENT)}
