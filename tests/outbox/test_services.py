from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from events.calendar import build_calendar, meeting_item
from outbox import delivery, tasks
from outbox.delivery import deliver
from outbox.enums import MessageStatus
from outbox.models import OutboxMessage
from outbox.services import WITHDRAWN, CalendarPart, forget_recipient, header_text, queue_mail
from outbox.tasks import sweep
from tests.conftest import free_port
from tests.factories import ConferenceFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def a_mail(key: str = "key-1", **overrides) -> OutboxMessage:
    fields = {
        "to": "delegate@example.org",
        "subject": "Invitation",
        "text": "Dear delegate",
        "idempotency_key": key,
    }
    return queue_mail(**{**fields, **overrides})


def test_mail_is_delivered_only_after_the_transaction_commits(django_capture_on_commit_callbacks, smtp_sink):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = a_mail()

    assert (message.status, smtp_sink.received, len(callbacks)) == (MessageStatus.QUEUED, [], 1)
    callbacks[0]()
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert smtp_sink.message_ids() == [message.message_id]


def test_the_same_idempotency_key_gives_the_same_row(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = a_mail("invite:42")
        second = a_mail("invite:42", subject="Another subject")

    assert (first.pk, OutboxMessage.objects.count(), len(callbacks)) == (second.pk, 1, 1)


def test_delivering_a_row_twice_sends_it_once(django_capture_on_commit_callbacks, smtp_sink):
    with django_capture_on_commit_callbacks():
        message = a_mail()

    deliver([message.pk])
    deliver([message.pk])

    assert smtp_sink.message_ids() == [message.message_id]


def test_one_delivery_sends_its_rows_over_one_smtp_connection(django_capture_on_commit_callbacks, smtp_sink):
    with django_capture_on_commit_callbacks():
        messages = [a_mail(f"key-{n}", to=f"delegate{n}@example.org") for n in range(5)]

    deliver([message.pk for message in messages])

    assert sorted(smtp_sink.message_ids()) == sorted(message.message_id for message in messages)
    assert len(smtp_sink.peers) == 1


def test_a_row_taken_by_another_worker_is_skipped(django_capture_on_commit_callbacks, smtp_sink):
    with django_capture_on_commit_callbacks():
        message = a_mail()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENDING, claimed_at=timezone.now()
    )

    deliver([message.pk])

    assert smtp_sink.received == []


def test_a_temporary_refusal_is_retried_later(django_capture_on_commit_callbacks, smtp_sink):
    smtp_sink.refusal, smtp_sink.refusals_left = "451 4.3.0 Try again later", 1
    with django_capture_on_commit_callbacks():
        message = a_mail()

    retries = deliver([message.pk])
    message.refresh_from_db()

    assert (message.status, message.attempts, list(retries)) == (MessageStatus.QUEUED, 1, [message.pk])
    assert 15 <= retries[message.pk] <= 45
    assert message.next_attempt_at > timezone.now()
    assert "451" in message.last_error

    deliver([message.pk])  # not due yet: nothing happens
    assert smtp_sink.received == []

    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    deliver([message.pk])
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (MessageStatus.SENT, 2, "")
    assert smtp_sink.message_ids() == [message.message_id]


def test_a_permanent_refusal_fails_at_once_with_the_error(django_capture_on_commit_callbacks, smtp_sink):
    smtp_sink.refusal, smtp_sink.refusals_left = "550 5.1.1 No such user here", 99
    with django_capture_on_commit_callbacks():
        message = a_mail()

    assert deliver([message.pk]) == {}

    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.FAILED, 1)
    assert message.last_error == "SMTPDataError: (550, b'5.1.1 No such user here')"


def test_temporary_refusals_give_up_after_the_last_attempt(django_capture_on_commit_callbacks, smtp_sink):
    smtp_sink.refusal, smtp_sink.refusals_left = "421 4.7.0 Too busy", 99
    with django_capture_on_commit_callbacks():
        message = a_mail()

    for _attempt in range(delivery.MAX_ATTEMPTS):
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        deliver([message.pk])

    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.FAILED, delivery.MAX_ATTEMPTS)


def test_an_unreachable_server_is_a_temporary_error(django_capture_on_commit_callbacks, settings):

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens there
    with django_capture_on_commit_callbacks(execute=True):
        message = a_mail()

    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.QUEUED, 1)
    assert "ConnectionRefusedError" in message.last_error


def test_backoff_grows_and_is_capped():
    delays = [delivery.backoff_delay(attempt) for attempt in range(1, 12)]

    assert 15 <= delays[0] <= 45
    assert 30 <= delays[1] <= 90
    assert max(delays) <= delivery.BACKOFF_CAP_SECONDS * 1.5


def test_sweep_frees_rows_a_dead_worker_left_sending_and_sends_due_ones(
    django_capture_on_commit_callbacks, smtp_sink
):
    with django_capture_on_commit_callbacks(execute=False):
        stuck, fresh_claim, due = a_mail("stuck"), a_mail("fresh"), a_mail("due")
    long_ago = timezone.now() - delivery.STALE_SENDING - timedelta(minutes=1)
    OutboxMessage.objects.filter(pk=stuck.pk).update(status=MessageStatus.SENDING, claimed_at=long_ago)
    OutboxMessage.objects.filter(pk=fresh_claim.pk).update(
        status=MessageStatus.SENDING, claimed_at=timezone.now()
    )

    swept = sweep()

    assert sorted(swept) == sorted([stuck.pk, due.pk])
    assert sorted(smtp_sink.message_ids()) == sorted([stuck.message_id, due.message_id])


def test_calendar_mail_carries_a_request_part_and_an_ics_attachment(
    django_capture_on_commit_callbacks, smtp_sink
):
    meeting = MeetingFactory()
    ics = build_calendar([meeting_item(meeting, attendees=(("Ana", "ana@example.org"),))], method="REQUEST")
    with django_capture_on_commit_callbacks(execute=True):
        a_mail(calendar=CalendarPart(method="REQUEST", content=ics), html="<p>Dear delegate</p>")

    [received] = smtp_sink.received
    calendar_part, attachment = [
        part for part in received.walk() if part.get_content_type() == "text/calendar"
    ]
    assert calendar_part.get_param("method") == attachment.get_param("method") == "REQUEST"
    assert attachment.get_filename() == "invite.ics"
    assert received.get_content_type() == "multipart/mixed"
    for data in (calendar_part.get_content().encode(), attachment.get_content().encode()):
        calendar = icalendar.Calendar.from_ical(data)
        [event] = calendar.walk("VEVENT")
        assert (str(calendar["METHOD"]), str(event["UID"])) == ("REQUEST", f"meeting-{meeting.uid}@127.0.0.1")
        assert event["ATTENDEE"].params["RSVP"] == "FALSE"  # replies to the no-reply organizer go nowhere


def test_headers_name_the_sender_and_use_the_sites_domain(django_capture_on_commit_callbacks, smtp_sink):
    with django_capture_on_commit_callbacks(execute=True):
        message = a_mail(
            sender_name="International Conference", reply_to=["organizers@example.org"], to_name="Ana"
        )

    [received] = smtp_sink.received
    assert received["From"] == "International Conference <noreply@127.0.0.1>"
    assert received["To"] == "Ana <delegate@example.org>"
    assert received["Reply-To"] == "organizers@example.org"
    assert received["Message-ID"] == message.message_id
    assert message.message_id.endswith("@127.0.0.1>")


def test_a_subject_with_a_line_break_cannot_inject_headers():
    message = a_mail(subject="Hello\r\nBcc: everyone@example.org")

    assert message.subject == "Hello Bcc: everyone@example.org"


def test_a_row_that_keeps_killing_its_worker_is_given_up(django_capture_on_commit_callbacks, smtp_sink):
    with django_capture_on_commit_callbacks():
        message = a_mail()
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=delivery.MAX_ATTEMPTS)

    deliver([message.pk])

    message.refresh_from_db()
    assert (message.status, message.last_error, smtp_sink.received) == (
        MessageStatus.FAILED,
        f"Gave up after {delivery.MAX_ATTEMPTS} attempts",
        [],
    )


def test_a_large_hand_over_is_one_task_that_a_worker_splits(monkeypatch):

    published = []
    monkeypatch.setattr(tasks.task_fan_out, "delay", lambda **kwargs: published.append(("fan_out", kwargs)))
    monkeypatch.setattr(tasks.task_deliver, "delay", lambda **kwargs: published.append(("deliver", kwargs)))
    ids = list(range(1, tasks.FAN_OUT_ABOVE + 2))

    tasks.enqueue_delivery(ids)
    assert published == [("fan_out", {"message_ids": ids})]
    published.clear()
    tasks.fan_out(ids)
    tasks.enqueue_delivery(ids[:3])

    batches = [kwargs["message_ids"] for name, kwargs in published if name == "deliver"]
    assert [len(batch) for batch in batches] == [50, 50, 50, 50, 1, 3]
    assert [message_id for batch in batches[:-1] for message_id in batch] == ids


def test_a_title_with_line_breaks_neither_injects_nor_blocks_the_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_mail(
            to="a@example.org", subject="S", text="x", idempotency_key="k",
            sender_name="C1\r\nBcc: x@evil.example", to_name="Ana\nBcc: y@evil.example",
        )  # fmt: skip

    message.refresh_from_db()
    assert (message.sender_name, message.recipient_name) == (
        "C1 Bcc: x@evil.example",
        "Ana Bcc: y@evil.example",
    )
    assert message.status == MessageStatus.SENT


def test_a_mail_that_cannot_be_built_fails_instead_of_staying_sending(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        message = queue_mail(to="a@example.org", subject="S", text="x", idempotency_key="k")
    OutboxMessage.objects.filter(pk=message.pk).update(reply_to=["not\r\nan address"])

    deliver([message.pk])

    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert message.last_error.startswith("BadHeaderError")


def test_long_titles_fit_the_outbox_columns(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        message = queue_mail(
            to="a@example.org", subject="S" * 400, text="x", idempotency_key="k", sender_name="N" * 400
        )

    message.refresh_from_db()
    assert (len(message.subject), len(message.sender_name)) == (300, 200)


def test_forgetting_a_recipient_withdraws_their_queued_mail_and_takes_their_name_out_of_the_others():
    conference = ConferenceFactory()
    membership = MembershipFactory(conference=conference)  # anything a mail can be about
    theirs = a_mail("theirs", to="al@example.org", to_name="Al", text="Dear Al", conference=conference,
                    about=membership)  # fmt: skip
    news = a_mail(
        "news", text="New: Al (al@example.org). Also Alba, and AL@EXAMPLE.ORG.", conference=conference
    )
    elsewhere = a_mail("elsewhere", text="Al came too.", conference=ConferenceFactory())

    changed = forget_recipient(about=membership, conference=conference, words=["Al", "al@example.org"])

    for message in (theirs, news, elsewhere):
        message.refresh_from_db()
    assert changed == 2
    assert (theirs.recipient, theirs.recipient_name, theirs.body_text) == ("", "", "")
    assert (theirs.status, theirs.last_error) == (MessageStatus.FAILED, WITHDRAWN)
    assert news.body_text == "New: [deleted] ([deleted]). Also Alba, and [deleted]."  # words, not parts
    assert news.status == MessageStatus.QUEUED
    assert elsewhere.body_text == "Al came too."  # another conference's mails are not looked at


@pytest.mark.parametrize(
    ("subject", "stored"),
    [
        ("Peace 2027\u00a0: nouvelles", "Peace 2027\u00a0: nouvelles"),  # French keeps its non-breaking space
        ("ثبت\u200cنام شما", "ثبت\u200cنام شما"),  # noqa: RUF001 - Persian keeps its zero-width non-joiner
        ("\u2068Ana Lima\u2069 registered", "\u2068Ana Lima\u2069 registered"),  # isolates stay
        ("gro\u202eup", "group"),  # a right-to-left override does not
        ("two\r\nlines\tand  spaces", "two lines and spaces"),
    ],
)
def test_a_subject_keeps_the_characters_a_language_needs_and_loses_layout(subject, stored):
    assert header_text(subject, 300) == stored
