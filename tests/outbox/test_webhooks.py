"""Webhooks on the outbox's road, against a receiver on loopback that checks each signature: a row with
the change, retries after a 500, each event once after a worker is killed mid-batch, and no receiver on
the site's own network."""

import hashlib
import hmac
import json
import threading
import time
import uuid
from collections import Counter
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from celery import Celery
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from events.enums import TeamRole
from outbox import services, tasks, webhooks
from outbox.enums import MessageStatus, WebhookEvent
from outbox.models import Webhook, WebhookDelivery
from program.services import update_session
from registrations.services import cancel, register
from tests.factories import ConferenceFactory, MembershipFactory, SessionFactory
from tests.outbox.test_worker import Worker, wait_until

pytestmark = pytest.mark.django_db


class Receiver(BaseHTTPRequestHandler):
    """Records each POST whose signature matches; answers 500 to the first `failures` of them."""

    def do_POST(self):
        server = self.server
        body = self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(server.delay)
        stamp, digest = (part.split("=", 1)[1] for part in self.headers["Zimmerwald-Signature"].split(","))
        expected = hmac.new(server.secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
        signed = hmac.compare_digest(expected, digest) and abs(time.time() - int(stamp)) < 300
        with server.lock:
            server.posts.append((self.headers["Zimmerwald-Delivery"], signed, json.loads(body)))
            failing = server.failures > 0
            server.failures -= 1
        self.send_response(500 if failing else 204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_LOCAL = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    server.posts, server.lock, server.failures, server.delay, server.secret = [], threading.Lock(), 0, 0, ""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/zimmerwald?source=test"
    try:
        yield server
    finally:
        server.shutdown()


def hook(conference, receiver, events=tuple(WebhookEvent.values)) -> Webhook:
    webhook = services.create_webhook(conference, url=receiver.url, events=events)
    receiver.secret = webhook.secret
    return webhook


def deliver_due() -> None:
    due = (
        WebhookDelivery.objects.filter(status=MessageStatus.QUEUED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    webhooks.deliver_webhooks(list(due))


def test_a_registration_reaches_the_receiver_signed_with_what_the_api_reads(receiver):
    conference = ConferenceFactory()
    hook(
        conference, receiver, events=[WebhookEvent.REGISTRATION_CREATED, WebhookEvent.REGISTRATION_CANCELLED]
    )

    registered = register(conference, full_name="Ana Lima", email="ana@example.org", country="BR")
    cancel(registered.registration)
    deliver_due()

    assert [signed for _id, signed, _body in receiver.posts] == [True, True]
    created, cancelled = (body for _id, _signed, body in receiver.posts)
    assert (created["event"], cancelled["event"]) == ("registration.created", "registration.cancelled")
    assert created["conference"] == conference.slug
    assert created["data"]["registration"]["email"] == "ana@example.org"
    assert cancelled["data"]["registration"]["status"] == "cancelled"
    assert WebhookDelivery.objects.filter(status=MessageStatus.SENT).count() == 2


def test_only_the_events_a_webhook_follows_are_posted_and_only_its_conferences(receiver):
    conference, other = ConferenceFactory(), ConferenceFactory()
    hook(conference, receiver, events=[WebhookEvent.SESSION_CHANGED])
    session = SessionFactory(conference=conference)

    register(conference, full_name="Ana Lima", email="ana@example.org", country="BR")
    register(other, full_name="Ana Lima", email="ana@example.org", country="BR")
    update_session(session, title="The opening, moved")
    deliver_due()

    assert [body["event"] for _id, _signed, body in receiver.posts] == ["session.changed"]
    assert receiver.posts[0][2]["data"]["session"]["title"] == "The opening, moved"


def test_a_500_is_retried_with_the_same_event_id_until_it_is_taken(receiver):
    conference = ConferenceFactory()
    hook(conference, receiver)
    receiver.failures = 2
    register(conference, full_name="Ana Lima", email="ana@example.org", country="BR")

    for _attempt in range(3):
        deliver_due()
        WebhookDelivery.objects.filter(status=MessageStatus.QUEUED).update(next_attempt_at=timezone.now())

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (MessageStatus.SENT, 3, 204)
    assert [event_id for event_id, _signed, _body in receiver.posts] == [str(delivery.event_id)] * 3


def test_a_failed_delivery_waits_its_backoff_and_the_log_page_shows_it(receiver, client):
    conference = ConferenceFactory()
    webhook = hook(conference, receiver)
    receiver.failures = 1
    register(conference, full_name="Ana Lima", email="ana@example.org", country="BR")

    deliver_due()

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == MessageStatus.QUEUED and delivery.next_attempt_at > timezone.now()
    organizer = MembershipFactory(conference=conference, role=TeamRole.ORGANIZER).user
    client.force_login(organizer)
    page = client.get(
        reverse("outbox:manage-webhook-detail", kwargs={"slug": conference.slug, "pk": webhook.pk})
    )
    assert "HTTP 500" in page.content.decode() and "registration.created" in page.content.decode()


@pytest.mark.parametrize(
    "url", ["http://example.org/hook", "https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://localhost/hook",
            "https://[::1]/hook", "https://169.254.169.254/latest", "https://user:pw@example.org/hook", "ftp://x.org/"],
)  # fmt: skip
def test_a_public_instance_posts_only_to_public_https_addresses(url, settings):
    settings.WEBHOOKS_ALLOW_LOCAL = False
    with pytest.raises(ValidationError) as refused:
        services.create_webhook(ConferenceFactory(), url=url, events=[WebhookEvent.SESSION_CHANGED])
    assert "url" in refused.value.message_dict


def test_an_address_that_turns_private_after_it_was_added_is_not_posted_to(receiver, settings):
    conference = ConferenceFactory()
    hook(conference, receiver)
    register(conference, full_name="Ana Lima", email="ana@example.org", country="BR")
    settings.WEBHOOKS_ALLOW_LOCAL = False

    deliver_due()

    delivery = WebhookDelivery.objects.get()
    assert receiver.posts == [] and delivery.status == MessageStatus.QUEUED
    assert "ValidationError" in delivery.last_error


def test_viewers_and_outsiders_do_not_reach_a_conferences_webhooks(receiver, client):
    conference = ConferenceFactory()
    webhook = hook(conference, receiver)
    viewer = MembershipFactory(conference=conference, role=TeamRole.VIEWER).user
    outsider = MembershipFactory(conference=ConferenceFactory(), role=TeamRole.OWNER).user
    detail = reverse("outbox:manage-webhook-detail", kwargs={"slug": conference.slug, "pk": webhook.pk})

    client.force_login(viewer)
    assert client.get(detail).status_code == 403
    client.force_login(outsider)
    assert client.get(detail).status_code == 404
    assert (
        client.post(
            reverse("outbox:manage-webhook-delete", kwargs={"slug": conference.slug, "pk": webhook.pk})
        ).status_code
        == 404
    )
    assert Webhook.objects.filter(pk=webhook.pk).exists()


def test_an_organizer_adds_a_webhook_on_its_page_and_sees_its_secret(receiver, client):
    conference = ConferenceFactory()
    client.force_login(MembershipFactory(conference=conference, role=TeamRole.ORGANIZER).user)

    response = client.post(
        reverse("outbox:manage-webhook-list", kwargs={"slug": conference.slug}),
        {"url": receiver.url, "events": ["registration.created", "invitation.answered"]}, follow=True,
    )  # fmt: skip

    webhook = Webhook.objects.get(conference=conference)
    assert webhook.events == ["registration.created", "invitation.answered"]
    assert webhook.secret in response.content.decode()


COUNT = 120


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_killing_a_worker_mid_batch_still_gets_each_event_to_the_receiver_once(
    postgres, redis_url, celery_command, receiver, tmp_path, monkeypatch, settings
):
    conference = ConferenceFactory()
    hook(conference, receiver, events=[WebhookEvent.SESSION_CHANGED])
    with monkeypatch.context() as patch:
        patch.setattr(tasks, "enqueue_webhooks", lambda ids: None)  # the test hands the rows to its queue
        for number in range(COUNT):
            SessionFactory(conference=conference, title=f"Session {number}")
            services.queue_event(conference, event=WebhookEvent.SESSION_CHANGED, data={"number": number})
    ids = list(WebhookDelivery.objects.values_list("pk", flat=True))
    receiver.delay = 0.02
    queue = f"webhooks-test-{uuid.uuid4().hex}"
    client = Celery("test-client", broker=redis_url)
    client.conf.update(task_serializer="json", accept_content=["json"])
    log = tmp_path / "workers.log"
    monkeypatch.setenv("WEBHOOKS_ALLOW_LOCAL", "1")  # for the worker processes

    def send(delivery_ids):
        for start in range(0, len(delivery_ids), 10):
            chunk = delivery_ids[start : start + 10]
            client.send_task("outbox.deliver_webhooks", kwargs={"delivery_ids": chunk}, queue=queue)

    first = Worker(celery_command, queue=queue, redis_url=redis_url, smtp_port=1, log=log)
    second = None
    try:
        send(ids)
        assert wait_until(lambda: len(receiver.posts) >= COUNT // 3, timeout=90), log.read_text()[-3000:]
        first.kill()
        in_flight = WebhookDelivery.objects.filter(status=MessageStatus.SENDING).count()
        posted_at_kill = len(receiver.posts)
        # What the beat sweep does once the claims are stale.
        due = webhooks.due_webhook_deliveries(now=timezone.now(), stale_after=timedelta(0))
        second = Worker(celery_command, queue=queue, redis_url=redis_url, smtp_port=1, log=log)
        send(due)
        settled = wait_until(
            lambda: not WebhookDelivery.objects.exclude(status=MessageStatus.SENT).exists(), timeout=120
        )
    finally:
        first.stop()
        if second is not None:
            second.stop()
        client.close()

    assert settled, log.read_text()[-3000:]
    counts = Counter(event_id for event_id, _signed, _body in receiver.posts)
    assert set(counts) == {
        str(event_id) for event_id in WebhookDelivery.objects.values_list("event_id", flat=True)
    }
    assert all(signed for _id, signed, _body in receiver.posts)
    # A receiver that drops a repeated Zimmerwald-Delivery sees each event once; the raw repeats are at most
    # the one delivery a solo worker had in flight when it was killed.
    assert sum(count - 1 for count in counts.values()) <= in_flight <= 1
    assert COUNT // 3 <= posted_at_kill < COUNT
