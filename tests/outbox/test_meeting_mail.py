"""Meeting invitations as iTIP calendar mail (RFC 5546), through the outbox to a real SMTP server."""

from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse

from events.services import meetings
from outbox.models import OutboxMessage
from tests.factories import MeetingFactory, UserFactory
from tests.mail import addresses_in, calendar_attendees

pytestmark = pytest.mark.django_db


def calendar_of(received) -> tuple[icalendar.Calendar, icalendar.Event]:
    inline, attachment = [part for part in received.walk() if part.get_content_type() == "text/calendar"]
    assert attachment.get_content() == inline.get_content()  # invite.ics is the same file
    calendar = icalendar.Calendar.from_ical(inline.get_content().encode())
    [event] = calendar.walk("VEVENT")
    return calendar, event


@pytest.fixture
def meeting():
    return MeetingFactory(title="Preparatory meeting", place="Istanbul", conference__title="Conference")


def test_an_invited_person_gets_a_calendar_request(meeting, smtp_sink, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meetings.invite_to_meeting(meeting, name="Ana", email="ana@example.org")

    [received] = smtp_sink.received
    calendar, event = calendar_of(received)
    assert received["Subject"] == "Invitation: Preparatory meeting"
    assert received["To"] == "Ana <ana@example.org>"
    assert str(calendar["METHOD"]) == "REQUEST"
    assert (str(event["UID"]), event["SEQUENCE"]) == (f"meeting-{meeting.uid}@127.0.0.1", 0)
    assert (str(event["ORGANIZER"]), event["ORGANIZER"].params["CN"]) == (
        "mailto:noreply@127.0.0.1",
        "Conference",
    )
    assert [str(attendee) for attendee in [event["ATTENDEE"]]] == ["mailto:ana@example.org"]
    assert {"DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= set(event)


def test_moving_the_meeting_updates_every_calendar_and_cancelling_removes_it(
    meeting, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meetings.invite_to_meeting(meeting, name="Ana", email="ana@example.org")
        meetings.invite_to_meeting(meeting, name="Bora", email="bora@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        meetings.update_meeting(meeting, agenda="Only the agenda changes: no mail")
    with django_capture_on_commit_callbacks(execute=True):
        meetings.update_meeting(meeting, starts_at=meeting.starts_at + timedelta(hours=1),
                                ends_at=meeting.ends_at + timedelta(hours=1))  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        meetings.cancel_meeting(meeting)

    sent = [
        (message["To"], message["Subject"], *_method_and_sequence(message)) for message in smtp_sink.received
    ]
    assert sent == [
        ("Ana <ana@example.org>", "Invitation: Preparatory meeting", "REQUEST", 0),
        ("Bora <bora@example.org>", "Invitation: Preparatory meeting", "REQUEST", 0),
        ("Ana <ana@example.org>", "Changed: Preparatory meeting", "REQUEST", 1),
        ("Bora <bora@example.org>", "Changed: Preparatory meeting", "REQUEST", 1),
        ("Ana <ana@example.org>", "Cancelled: Preparatory meeting", "CANCEL", 2),
        ("Bora <bora@example.org>", "Cancelled: Preparatory meeting", "CANCEL", 2),
    ]
    uids = {str(calendar_of(message)[1]["UID"]) for message in smtp_sink.received}
    assert uids == {f"meeting-{meeting.uid}@127.0.0.1"}


def test_removing_someone_sends_them_a_cancel(meeting, smtp_sink, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        participant = meetings.invite_to_meeting(meeting, name="Ana", email="ana@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        meetings.remove_from_meeting(participant)

    assert [_method_and_sequence(message) for message in smtp_sink.received] == [
        ("REQUEST", 0),
        ("CANCEL", 0),
    ]


def _method_and_sequence(message) -> tuple[str, int]:
    calendar, event = calendar_of(message)
    return str(calendar["METHOD"]), event["SEQUENCE"]


def test_meeting_mails_show_each_participant_only_their_own_address(
    meeting, smtp_sink, django_capture_on_commit_callbacks
):

    with django_capture_on_commit_callbacks(execute=True):
        meetings.invite_to_meeting(meeting, name="Ana", email="ana@example.org")
        meetings.invite_to_meeting(meeting, name="Bora", email="bora@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        meetings.update_meeting(meeting, starts_at=meeting.starts_at + timedelta(hours=1),
                                ends_at=meeting.ends_at + timedelta(hours=1))  # fmt: skip

    seen = [
        (message["To"].addresses[0].addr_spec, addresses_in(message), calendar_attendees(message))
        for message in smtp_sink.received
    ]
    assert seen == [
        (address, {address}, [f"mailto:{address}"])
        for address in ["ana@example.org", "bora@example.org", "ana@example.org", "bora@example.org"]
    ]


def test_meeting_calendar_file_for_a_participant_lists_no_one(meeting, client):

    ana = UserFactory(email="ana@example.org")
    meetings.invite_to_meeting(meeting, name="Ana", email="ana@example.org")
    meetings.invite_to_meeting(meeting, name="Bora", email="bora@example.org")
    client.force_login(ana)

    response = client.get(reverse("events:meeting-ics", kwargs={"uid": meeting.uid}))

    event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert (response.status_code, "ATTENDEE" in event, b"bora@" in response.content) == (200, False, False)


@pytest.mark.parametrize(
    ("reply_to", "says"),
    [
        ("secretariat@example.org", "To tell the organizers whether you can come, answer this mail"),
        ("", "Accept and Decline buttons send no answer to the organizers"),
    ],
)
def test_a_meeting_invitation_says_how_to_answer_since_the_calendar_buttons_send_nothing(reply_to, says):
    meeting = MeetingFactory(conference__mail_reply_to=reply_to)

    meetings.invite_to_meeting(meeting, name="Ana", email="ana@example.org")

    assert says in OutboxMessage.objects.get(recipient="ana@example.org").body_text


def test_a_participant_without_an_account_gets_the_invitation_in_the_language_they_were_invited_in(
    meeting, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meetings.invite_to_meeting(meeting, name="Layla", email="layla@example.org", language="ar")

    [row] = OutboxMessage.objects.filter(recipient="layla@example.org")
    [received] = smtp_sink.received
    body = received.get_body(("plain",)).get_content()
    # The English title is isolated (U+2068, U+2069) in the Arabic subject.
    assert (row.language, row.subject) == ("ar", "دعوة: \u2068Preparatory meeting\u2069")
    assert received["Subject"] == "دعوة: \u2068Preparatory meeting\u2069"
    assert body.splitlines()[:3] == [
        "حضرة \u2068Layla\u2069،",
        "",
        "ندعوك إلى اجتماع «\u2068Preparatory meeting\u2069» ضمن \u2068Conference\u2069.",
    ]


def test_a_persian_meeting_subject_keeps_its_zero_width_non_joiner_through_smtp(
    meeting, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meetings.invite_to_meeting(meeting, name="Sara", email="sara@example.org", language="fa")

    [received] = smtp_sink.received
    # No space before it either: the subject is long enough to be folded (Django's own encoding started
    # it on a folded line).
    assert received["Subject"] == "دعوت\u200cنامه: \u2068Preparatory meeting\u2069"  # noqa: RUF001


def test_meeting_mails_follow_the_conference_by_default_and_an_account_s_own_language(
    meeting, smtp_sink, django_capture_on_commit_callbacks
):
    meeting.conference.working_languages = ["de", "tr", "en"]  # German: no catalog of the site's
    meeting.conference.save()
    UserFactory(email="bora@example.org", language="el")
    with django_capture_on_commit_callbacks(execute=True):
        meetings.invite_to_meeting(meeting, name="Ana", email="ana@example.org")
        meetings.invite_to_meeting(meeting, name="Bora", email="bora@example.org", language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        meetings.update_meeting(meeting, starts_at=meeting.starts_at + timedelta(hours=1),
                                ends_at=meeting.ends_at + timedelta(hours=1))  # fmt: skip

    sent = [(message["To"].addresses[0].username, message["Subject"]) for message in smtp_sink.received]
    assert sent == [
        ("ana", "Davet: Preparatory meeting"),
        ("bora", "Πρόσκληση: Preparatory meeting"),
        ("ana", "Değiştirildi: Preparatory meeting"),
        ("bora", "Αλλαγή: Preparatory meeting"),
    ]
    assert list(OutboxMessage.objects.order_by("pk").values_list("language", flat=True)) == [
        "tr", "el", "tr", "el"
    ]  # fmt: skip
