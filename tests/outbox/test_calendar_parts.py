"""A mail's calendar reaches calendar programs intact: the inline text/calendar part and the invite.ics
attachment both carry the names as the database holds them, in Turkish, Arabic, Persian, Greek and
Armenian, as Python's email package (like any mail client) decodes them."""

# ruff: noqa: RUF001 - the Turkish dotless i in the names is meant

from email import message_from_bytes, policy

import icalendar
import pytest

from outbox.delivery import build_email
from outbox.models import OutboxMessage
from program.models import SessionPerson
from program.services import create_session, update_session
from registrations.notifications import send_status_mail
from tests.factories import ConferenceFactory, RegistrationFactory, RoomFactory
from tests.mail import write_queued
from tests.program.test_program import at

pytestmark = pytest.mark.django_db

TITLE = "Uluslararası Konferans · المؤتمر الدولي"
PLACE = "Σύνταγμα, Αθήνα · Երևան"
SESSION = "Kadınların sesi · صدای زنان"


def calendar_parts(address: str) -> list:
    write_queued()
    row = OutboxMessage.objects.get(recipient=address)
    message = message_from_bytes(build_email(row).message().as_bytes(), policy=policy.default)
    return [part for part in message.walk() if part.get_content_type() == "text/calendar"]


def test_both_calendar_parts_of_a_registration_mail_carry_the_names_as_stored():
    conference = ConferenceFactory(title=TITLE, venue=PLACE)
    send_status_mail(RegistrationFactory(conference=conference, email="ana@example.org"), token="tok")

    parts = calendar_parts("ana@example.org")

    assert len(parts) == 2  # the alternative calendar programs act on, and the attachment
    inline, attachment = parts
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_param("method") == inline.get_param("method") == "REQUEST"
    for part in parts:
        assert part.get_content_charset() == "utf-8"
        event = icalendar.Calendar.from_ical(part.get_content()).walk("VEVENT")[0]
        assert str(event["SUMMARY"]) == TITLE
        assert PLACE in str(event["LOCATION"])


def test_a_session_update_to_a_speaker_keeps_the_session_and_room_names():
    conference = ConferenceFactory(title=TITLE)
    room = RoomFactory(conference=conference, name=PLACE)
    session = create_session(
        conference, title=SESSION, starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 10), room=room
    )
    SessionPerson.objects.create(session=session, name="Zeynep", email="zeynep@example.org")

    update_session(session, starts_at=at(conference, 0, 11), ends_at=at(conference, 0, 12))
    parts = calendar_parts("zeynep@example.org")

    assert len(parts) == 2
    for part in parts:
        event = icalendar.Calendar.from_ical(part.get_content()).walk("VEVENT")[0]
        assert str(event["SUMMARY"]) == SESSION
        assert PLACE in str(event["LOCATION"])
