import zoneinfo
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import vobject

from events.calendar import (
    CalendarItem,
    build_calendar,
    conference_item,
    is_ambiguous,
    meeting_item,
    timezone_component,
)
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
    # The organizer's address (the site's no-reply sender) reads no calendar replies: none is asked for;
    # people answer through their personal link, as the mail says.
    assert (str(attendee), attendee.params["CN"], attendee.params["RSVP"]) == (
        "mailto:ana@example.org",
        "Ana",
        "FALSE",
    )
    assert "PARTSTAT" not in attendee.params


def test_cancelled_meeting_keeps_its_uid_with_a_higher_sequence():
    meeting = MeetingFactory()
    before = the_event(build_calendar([meeting_item(meeting)]))

    cancel_meeting(meeting)
    after = the_event(build_calendar([meeting_item(meeting)], method="CANCEL"))

    assert str(after["UID"]) == str(before["UID"])
    assert (before["SEQUENCE"], after["SEQUENCE"], str(after["STATUS"])) == (0, 1, "CANCELLED")


def berlin_item(starts_at: datetime, *, hours: int = 1) -> CalendarItem:
    return CalendarItem(
        uid=f"item-{starts_at.isoformat()}",
        sequence=0,
        summary="Session",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        timezone="Europe/Berlin",
    )


def test_time_zone_written_as_yearly_rules_for_the_years_of_the_events_and_the_one_before():
    data = build_calendar([berlin_item(datetime(2026, 10, 24, 8, tzinfo=UTC))])

    [zone] = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")
    observances = [
        (part.name, part["DTSTART"].to_ical().decode(), part.get("RRULE", {}).get("BYDAY"), part.get("RDATE"))
        for part in zone.subcomponents
    ]
    assert observances == [
        ("STANDARD", "20250101T000000", None, None),
        ("DAYLIGHT", "19810329T020000", ["-1SU"], None),  # the rules since they began
        ("STANDARD", "19961027T030000", ["-1SU"], None),
    ]
    assert b"UNTIL" not in data  # zoneinfo keeps the rule in 2027: open-ended, as calendars write it


def test_time_zone_rule_that_ends_after_the_covered_years_is_bounded():
    """Mexico City kept daylight saving time until October 2022."""
    component = timezone_component("America/Mexico_City", first_year=2021, last_year=2022)

    assert [str(part["RRULE"].to_ical(), "ascii") for part in component.subcomponents if "RRULE" in part] == [
        "FREQ=YEARLY;UNTIL=20230101T060000Z;BYDAY=1SU;BYMONTH=4",
        "FREQ=YEARLY;UNTIL=20230101T060000Z;BYDAY=-1SU;BYMONTH=10",
    ]


def test_time_zone_kept_by_vobject_from_an_earlier_file_reads_a_later_year_right():
    """vobject keeps the first VTIMEZONE it read for a TZID for the life of the process (Radicale's):
    a later file's own VTIMEZONE is ignored, so the rule in force must go on past the first file's years."""
    earlier = berlin_item(datetime(2030, 1, 10, 8, tzinfo=UTC))
    later = replace(berlin_item(datetime(2032, 7, 10, 8, tzinfo=UTC)), uid="later")
    first = vobject.readOne(build_calendar([earlier]).decode()).vevent.dtstart.value

    event = vobject.readOne(build_calendar([later]).decode()).vevent

    assert first.astimezone(UTC) == datetime(2030, 1, 10, 8, tzinfo=UTC)
    assert event.dtstart.value.astimezone(UTC) == datetime(2032, 7, 10, 8, tzinfo=UTC)


def test_time_zone_without_daylight_saving_is_one_observance():
    item = replace(berlin_item(datetime(2026, 10, 24, 8, tzinfo=UTC)), timezone="Asia/Tokyo")

    [zone] = icalendar.Calendar.from_ical(build_calendar([item])).walk("VTIMEZONE")

    assert [(part.name, part["TZOFFSETTO"].to_ical()) for part in zone.subcomponents] == [
        ("STANDARD", "+0900")
    ]


@pytest.mark.parametrize(
    "tzid",
    [
        "Europe/Berlin", "America/New_York", "Europe/Istanbul", "Asia/Tokyo", "Australia/Sydney",
        "Australia/Lord_Howe", "America/Santiago", "Africa/Casablanca", "Asia/Tehran", "Pacific/Chatham",
        "America/Mexico_City",
    ],
)  # fmt: skip
def test_time_zone_read_back_by_vobject_gives_zoneinfo_offsets_at_every_unambiguous_hour(tzid):
    """Every local time the file may hold (three hours apart over the covered years) gets the offset
    zoneinfo gives it, read through the VTIMEZONE alone; RDATEs are one a line."""
    component = timezone_component(tzid, first_year=2025, last_year=2026)
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n{component.to_ical().decode()}END:VCALENDAR\r\n"
    written = vobject.readOne(text).vtimezone.gettzinfo()
    zone = zoneinfo.ZoneInfo(tzid)

    wrong = []
    instant = datetime(2025, 1, 1, tzinfo=zone).astimezone(UTC)
    while instant < datetime(2027, 1, 1, tzinfo=zone):
        local = instant.astimezone(zone)
        if not is_ambiguous(instant, zone) and local.replace(tzinfo=written).utcoffset() != local.utcoffset():
            wrong.append(local.isoformat())
        instant += timedelta(hours=3)
    assert wrong == []
    assert all(b"," not in line for line in component.to_ical().splitlines() if line.startswith(b"RDATE"))


def test_event_in_the_repeated_hour_is_written_in_utc_and_others_keep_their_zone():
    repeated = berlin_item(datetime(2026, 10, 25, 1, 15, tzinfo=UTC))  # 02:15 local, the second time
    plain = berlin_item(datetime(2026, 10, 24, 8, tzinfo=UTC))

    events = icalendar.Calendar.from_ical(build_calendar([repeated, plain])).walk("VEVENT")

    assert [(event["DTSTART"].to_ical(), event["DTSTART"].params.get("TZID")) for event in events] == [
        (b"20261025T011500Z", None),
        (b"20261024T100000", "Europe/Berlin"),
    ]


def test_whole_day_items_need_no_time_zone():
    conference = ConferenceFactory(timezone="Europe/Berlin")

    data = build_calendar([conference_item(conference)])

    assert icalendar.Calendar.from_ical(data).walk("VTIMEZONE") == []
