"""Personal links' tokens never stay in a stored mail, whatever its end; a retry carries a fresh link."""

import re

import pytest

from events.services.invitations import invite
from outbox import rendering
from outbox.delivery import deliver
from outbox.enums import MessageStatus
from outbox.models import OutboxMessage
from outbox.services import queue_mail, retry_failed
from registrations.notifications import STATUS_MAIL
from registrations.services import register
from registrations.services.delegations import create_delegation
from tests.factories import ConferenceFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

REFUSED = "550 5.1.1 No such user here"


def path_in(message, prefix: str) -> str:
    text = message.get_body(("plain",)).get_content()
    return re.search(rf"http://127\.0\.0\.1:8000({prefix}[\w-]+/)", text).group(1)


def test_a_refused_registration_mail_keeps_no_token_and_its_retry_carries_a_working_link(
    client, smtp_sink, django_capture_on_commit_callbacks
):
    smtp_sink.refusal, smtp_sink.refusals_left = REFUSED, 1
    conference = ConferenceFactory(title="Conference")
    with django_capture_on_commit_callbacks(execute=True):
        token = register(conference, full_name="Ana Delegate", email="ana@example.org", country="FR").token
    failed = OutboxMessage.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        count = retry_failed(OutboxMessage.objects.all())

    [received] = smtp_sink.received
    path = path_in(received, "/r/")
    page = client.get(path)
    sent = OutboxMessage.objects.get()
    assert (failed.status, token in failed.body_text, failed.redactions) == (MessageStatus.FAILED, False, [])
    assert "/r/[redacted]/" in failed.body_text
    assert count == 1
    assert path != f"/r/{token}/"
    assert (page.status_code, "Ana Delegate" in page.content.decode()) == (200, True)
    assert (sent.status, path.split("/")[2] in sent.body_text, sent.redactions) == (
        MessageStatus.SENT,
        False,
        [],
    )


def test_a_status_mail_the_worker_could_not_write_keeps_no_token_and_its_retry_carries_a_working_link(
    client, smtp_sink, monkeypatch, django_capture_on_commit_callbacks
):
    conference = ConferenceFactory(title="Conference")
    write = rendering._renderers[STATUS_MAIL]

    def broken(message):
        raise RuntimeError("a template that fails")

    monkeypatch.setitem(rendering._renderers, STATUS_MAIL, broken)
    with django_capture_on_commit_callbacks(execute=True):
        token = register(conference, full_name="Ana Delegate", email="ana@example.org", country="FR").token
    failed = OutboxMessage.objects.get()
    monkeypatch.setitem(rendering._renderers, STATUS_MAIL, write)

    with django_capture_on_commit_callbacks(execute=True):
        count = retry_failed(OutboxMessage.objects.all())

    [received] = smtp_sink.received
    path = path_in(received, "/r/")
    page = client.get(path)
    assert (failed.status, failed.body_text, failed.redactions) == (MessageStatus.FAILED, "", [])
    assert failed.render_arguments["token"] == "[redacted]"
    assert count == 1
    assert path != f"/r/{token}/"
    assert (page.status_code, "Ana Delegate" in page.content.decode()) == (200, True)


def test_a_refused_invitation_is_retried_with_a_fresh_working_link(
    client, smtp_sink, django_capture_on_commit_callbacks
):
    smtp_sink.refusal, smtp_sink.refusals_left = REFUSED, 1
    with django_capture_on_commit_callbacks(execute=True):
        invite(ConferenceFactory(title="Conference"), email="bora@example.org", name="Bora")
    failed = OutboxMessage.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        retry_failed(OutboxMessage.objects.all())

    [received] = smtp_sink.received
    page = client.get(path_in(received, "/i/"))
    assert (failed.status, "/i/[redacted]/" in failed.body_text) == (MessageStatus.FAILED, True)
    assert page.status_code == 200


def test_a_refused_delegation_link_is_retried_with_a_fresh_working_link(
    client, smtp_sink, django_capture_on_commit_callbacks
):
    smtp_sink.refusal, smtp_sink.refusals_left = REFUSED, 1
    with django_capture_on_commit_callbacks(execute=True):
        create_delegation(ConferenceFactory(), organization=OrganizationFactory(), contact_name="Deniz",
                          contact_email="deniz@example.org")  # fmt: skip
    failed = OutboxMessage.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        assert retry_failed(OutboxMessage.objects.all()) == 1

    [received] = smtp_sink.received
    assert (failed.status, "/d/[redacted]/" in failed.body_text) == (MessageStatus.FAILED, True)
    assert client.get(path_in(received, "/d/")).status_code == 200


def test_a_mail_whose_link_cannot_be_made_again_is_not_retried(smtp_sink, django_capture_on_commit_callbacks):
    smtp_sink.refusal, smtp_sink.refusals_left = REFUSED, 1
    conference = ConferenceFactory()
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail(
            to="c@example.org",
            subject="S",
            text="Your link: /x/secret-token/",
            idempotency_key="k",
            conference=conference,
            about=conference,
            redact_after_sending=["secret-token"],
        )

    with django_capture_on_commit_callbacks(execute=True):
        count = retry_failed(OutboxMessage.objects.all())

    message = OutboxMessage.objects.get()
    assert (count, smtp_sink.received, message.status) == (0, [], MessageStatus.FAILED)
    assert message.body_text == "Your link: /x/[redacted]/"
    assert message.last_error == (
        "Not sent again: this mail carried a personal link that cannot be made again. Send a new one instead."
    )


def test_a_mail_that_cannot_be_built_keeps_no_token(smtp_sink, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        message = queue_mail(
            to="c@example.org",
            subject="S",
            text="Link /x/secret-token/",
            idempotency_key="k",
            reply_to=["not an address\n"],
            redact_after_sending=["secret-token"],
        )

    deliver([message.pk])

    message.refresh_from_db()
    assert (message.status, message.body_text) == (MessageStatus.FAILED, "Link /x/[redacted]/")
