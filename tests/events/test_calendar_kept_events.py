"""Files without METHOD are built from kept VEVENT bytes: the same bytes as a fresh build, and a change
serializes only what changed."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from events import calendar as builder
from events.calendar import CalendarItem, build_calendar
from program.models import Room, Session
from program.services import save_room_or_track, update_session
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db

CHANGED_AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def items() -> list[CalendarItem]:
    starts = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # the hour Istanbul never repeats; Lisbon does
    return [
        CalendarItem(uid="a@test", sequence=2, summary="Opening · الافتتاح", starts_at=starts,
                     ends_at=starts + timedelta(hours=1), timezone="Europe/Istanbul", location="Hall A",
                     description="A long abstract " * 20, url="https://example.org/a",
                     last_modified=CHANGED_AT,
                     categories=("Plenary", "Reports")),
        CalendarItem(uid="b@test", sequence=0, summary="Repeated hour", starts_at=starts,
                     ends_at=starts + timedelta(hours=1), timezone="Europe/Lisbon",
                     join_url="https://example.org/join/b", last_modified=CHANGED_AT),
        CalendarItem(uid="c@test", sequence=1, summary="Whole days", starts_at=starts,
                     ends_at=starts + timedelta(days=2), timezone="Asia/Tehran", all_day=True,
                     last_modified=CHANGED_AT, cancelled=True),
    ]  # fmt: skip


def fresh_build(calendar_items: list[CalendarItem]) -> bytes:
    """icalendar's own serialization of the whole calendar, every VEVENT built now, stamped with its item's
    last change: what the feed's bytes must be."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", builder.PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", "Feed")
    calendar.add("x-wr-calname", "Feed")
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", builder.FEED_REFRESH)
    for component in builder.timezone_components(calendar_items):
        calendar.add_component(component)
    for item in calendar_items:
        calendar.add_component(builder.build_event(item, stamp=item.last_modified))
    return calendar.to_ical()


@pytest.fixture
def serializations(monkeypatch):
    """The VEVENTs serialized, by UID."""
    built = []
    build_event = builder.build_event

    def counting(item, **kwargs):
        built.append(item.uid)
        return build_event(item, **kwargs)

    monkeypatch.setattr(builder, "build_event", counting)
    return built


def test_a_feed_from_kept_events_is_byte_for_byte_a_fresh_build(serializations):
    first = build_calendar(items(), name="Feed", feed=True)
    second = build_calendar(items(), name="Feed", feed=True)

    assert serializations == ["a@test", "b@test", "c@test"]  # the second build serialized none
    assert first == second == fresh_build(items())
    event = icalendar.Calendar.from_ical(second).walk("VEVENT")[0]
    # Without METHOD, DTSTAMP is when the item last changed (RFC 5545, 3.8.7.2).
    assert event["DTSTAMP"].dt == event["LAST-MODIFIED"].dt == CHANGED_AT


def test_a_kept_event_is_looked_for_in_the_language_of_its_labels(serializations):
    with translation.override("fr"):
        french = build_calendar(items()[1:2])
    with translation.override("en"):
        english = build_calendar(items()[1:2])

    assert serializations == ["b@test", "b@test"]
    assert b"LABEL=Your join page" in english and b"LABEL=Your join page" not in french


def test_calendar_mail_is_stamped_when_made_and_keeps_nothing():
    data = build_calendar(items()[:1], method="REQUEST")

    assert icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["DTSTAMP"].dt > CHANGED_AT
    assert not cache.get(builder.event_cache_key(items()[0]))


def test_the_program_feed_after_a_change_serializes_only_the_sessions_it_changed(client, serializations):
    conference = ConferenceFactory(timezone="Europe/Istanbul")
    hall, annex = (Room.objects.create(conference=conference, name=name) for name in ("Hall", "Annex"))
    starts = datetime.combine(conference.starts_on, datetime.min.time(), tzinfo=conference.zone)
    for number in range(6):
        Session.objects.create(
            conference=conference, title=f"Session {number}", room=hall if number < 2 else annex,
            starts_at=starts + timedelta(hours=9 + number), ends_at=starts + timedelta(hours=10 + number),
        )  # fmt: skip
    url = reverse("program:program-ics", kwargs={"slug": conference.slug})
    client.get(url)
    serializations.clear()

    update_session(Session.objects.get(title="Session 4"), title="Session 4 moved up")
    after_title = client.get(url).content
    assert len(serializations) == 1
    assert b"SUMMARY:Session 4 moved up" in after_title and b"SUMMARY:Session 4\r\n" not in after_title

    serializations.clear()
    hall.name = "Main hall"
    save_room_or_track(hall)
    after_rename = icalendar.Calendar.from_ical(client.get(url).content)
    assert len(serializations) == 2  # the hall's two sessions
    locations = {str(event["SUMMARY"]): str(event["LOCATION"]) for event in after_rename.walk("VEVENT")}
    assert locations["Session 0"] == locations["Session 1"] == "Main hall"
    assert locations["Session 2"] == "Annex"
