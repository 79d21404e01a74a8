from datetime import UTC, datetime

import icalendar
import pytest

from events.calendar import build_calendar, meeting_item
from events.models import MeetingParticipant
from events.services.meetings import cancel_meeting
from tests.factories import ConferenceFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def the_event(data: bytes) -> icalendar.Event:
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return event


def test_meeting_calendar_file_carries_identity_time_zone_and_attendees():
    conference = ConferenceFactory(title="International Conference", timezone="Europe/Istanbul")
    meeting = MeetingFactory(
        conference=conference,
        title="Preparatory meeting",
        starts_at=datetime(2022, 5, 22, 12, 0, tzinfo=UTC),
        ends_at=datetime(2022, 5, 22, 14, 0, tzinfo=UTC),
        place="Istanbul",
    )
    MeetingParticipant.objects.create(meeting=meeting, name="Ana", email="ana@example.org")

    data = build_calendar([meeting_item(meeting, attendees=(("Ana", "ana@example.org"),))], method="REQUEST")

    calendar = icalendar.Calendar.from_ical(data)
    event = the_event(data)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Istanbul"]
    assert str(event["UID"]) == f"meeting-{meeting.uid}@127.0.0.1"
    assert event["SEQUENCE"] == 0
    assert event["DTSTART"].dt.isoformat() == "2022-05-22T15:00:00+03:00"
    assert event["DTSTART"].params["TZID"] == "Europe/Istanbul"
    assert event["DTEND"].dt.isoformat() == "2022-05-22T17:00:00+03:00"
    assert str(event["SUMMARY"]) == "Preparatory meeting"
    assert str(event["DESCRIPTION"]).startswith("International Conference")
    assert str(event["LOCATION"]) == "Istanbul"
    assert "DTSTAMP" in event
    attendee = event["ATTENDEE"]
    assert (str(attendee), attendee.params["CN"], attendee.params["RSVP"]) == (
        "mailto:ana@example.org",
        "Ana",
        "TRUE",
    )


def test_cancelled_meeting_keeps_its_uid_with_a_higher_sequence():
    meeting = MeetingFactory()
    before = the_event(build_calendar([meeting_item(meeting)]))

    cancel_meeting(meeting)
    after = the_event(build_calendar([meeting_item(meeting)], method="CANCEL"))

    assert str(after["UID"]) == str(before["UID"])
    assert (before["SEQUENCE"], after["SEQUENCE"], str(after["STATUS"])) == (0, 1, "CANCELLED")
