"""The program: sessions' rules, their calendar identity, the public pages and the feed."""

import json
import uuid
from datetime import UTC, date, datetime, time, timedelta

import icalendar
import jsonschema
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from lxml import etree

from outbox.models import OutboxMessage
from program.enums import SessionStatus
from program.models import Room, Session, SessionMaterial, SessionPerson, Track
from program.services import create_session, save_room_or_track, update_session
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


def at(conference, day: int, hour: int) -> datetime:
    return datetime.combine(conference.starts_on + timedelta(days=day), time(hour), tzinfo=conference.zone)


@pytest.fixture
def conference():
    return ConferenceFactory(timezone="Europe/Istanbul")


def add_sessions(conference, count: int, *, speaker: str = "") -> None:
    room = Room.objects.create(
        conference=conference, name=f"Hall {count}", online_link="https://meet.example.org/h"
    )
    track = Track.objects.create(conference=conference, name=f"Reports {count}")
    # Written in bulk (the service's rules are tested on their own) so that 1,000 take a second.
    sessions = Session.objects.bulk_create(
        Session(conference=conference, title=f"Session {number}", room=room, track=track,
                starts_at=at(conference, number % 2, 9), ends_at=at(conference, number % 2, 10))
        for number in range(count)
    )  # fmt: skip
    SessionMaterial.objects.bulk_create(
        SessionMaterial(session=session, title="Notes", url=f"https://notes.example.org/{session.pk}")
        for session in sessions
    )
    if speaker:
        SessionPerson.objects.bulk_create(
            SessionPerson(session=session, name=speaker) for session in sessions
        )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"starts_at_hour": 11, "ends_at_hour": 10}, "ends_at"),
        ({"day": 5}, "starts_at"),
        ({"day": -1}, "starts_at"),
    ],
)
def test_a_session_outside_the_conference_or_ending_before_it_starts_is_refused(conference, changes, field):
    day = changes.get("day", 0)
    with pytest.raises(ValidationError) as refused:
        starts_at = at(conference, day, changes.get("starts_at_hour", 9))
        create_session(conference, title="Opening", starts_at=starts_at,
                       ends_at=at(conference, day, changes.get("ends_at_hour", 10)))  # fmt: skip

    assert field in refused.value.message_dict
    assert not Session.objects.exists()


def test_a_room_of_another_conference_is_refused(conference):
    elsewhere = Room.objects.create(conference=ConferenceFactory(), name="Elsewhere")

    with pytest.raises(ValidationError) as refused:
        create_session(conference, title="Opening", starts_at=at(conference, 0, 9),
                       ends_at=at(conference, 0, 10), room=elsewhere)  # fmt: skip

    assert "room" in refused.value.message_dict


def test_moving_a_session_raises_its_sequence_and_keeps_its_uid(conference):
    session = create_session(
        conference, title="Opening", starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 10)
    )
    uid = session.uid

    update_session(session, abstract="Now with an abstract")
    assert session.sequence == 0
    update_session(session, starts_at=at(conference, 1, 9), ends_at=at(conference, 1, 10))
    update_session(session, status=SessionStatus.CANCELLED)

    session.refresh_from_db()
    assert (session.uid, session.sequence) == (uid, 2)


def test_the_feed_carries_every_session_with_what_calendars_need(client, conference):
    add_sessions(conference, 2)
    cancelled = Session.objects.first()
    update_session(cancelled, status=SessionStatus.CANCELLED)

    response = client.get(reverse("program:program-ics", kwargs={"slug": conference.slug}))

    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert str(calendar["NAME"]) == conference.title
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=1)
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT1H"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Istanbul"
    assert str(events[cancelled.title]["STATUS"]) == "CANCELLED"
    assert events[cancelled.title]["SEQUENCE"] == 1
    event = events["Session 1"]
    assert str(event["UID"]).startswith("session-")
    assert "Hall 2" in str(event["LOCATION"]) and "/sessions/" in str(event["URL"])
    assert [str(category) for category in event["CATEGORIES"].cats] == ["Plenary", "Reports 2"]
    assert "LAST-MODIFIED" in event and "DTSTAMP" in event


def test_the_feed_answers_304_to_a_calendar_that_has_it_and_changes_after_an_edit(client, conference):
    add_sessions(conference, 2)
    url = reverse("program:program-ics", kwargs={"slug": conference.slug})
    first = client.get(url)

    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    update_session(Session.objects.first(), title="Opening plenary on the war")
    after_edit = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert (by_etag.status_code, by_date.status_code, after_edit.status_code) == (304, 304, 200)
    assert b"Opening plenary on the war" in after_edit.content
    # RFC 9110 15.4.5: the 304 carries the validators and caching of the 200 it stands for.
    for not_modified in (by_etag, by_date):
        assert not_modified["ETag"] == first["ETag"]
        assert not_modified["Cache-Control"] == first["Cache-Control"] == "public, max-age=300"


# The conference, then the sessions and what they prefetch (people, rooms, tracks; materials for the
# frab schedule), the feed version for the exports, the languages for the page's filter.
@pytest.mark.parametrize(
    ("name", "queries"),
    [("program:session-list", 6), ("program:program-ics", 3), ("program:schedule-json", 7),
     ("program:schedule-xml", 7)],
)  # fmt: skip
@pytest.mark.parametrize("count", [10, 1000])
def test_the_program_and_its_exports_cost_the_same_queries_for_10_and_for_1000_sessions(
    client, django_assert_num_queries, name, queries, count
):
    conference = ConferenceFactory()
    add_sessions(conference, count, speaker="Ana Lima")

    with django_assert_num_queries(queries):
        response = client.get(reverse(name, kwargs={"slug": conference.slug}))

    assert response.status_code == 200


def test_a_session_is_found_only_through_its_own_conference(client, conference):
    add_sessions(conference, 1)
    session = Session.objects.get()
    other = ConferenceFactory()

    assert (
        client.get(
            reverse("program:session-detail", kwargs={"slug": conference.slug, "pk": session.pk})
        ).status_code
        == 200
    )
    assert (
        client.get(
            reverse("program:session-detail", kwargs={"slug": other.slug, "pk": session.pk})
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("program:session-ics", kwargs={"slug": other.slug, "pk": session.pk})).status_code
        == 404
    )


def test_a_draft_conferences_program_is_not_public(client):
    draft = ConferenceFactory(status="draft")

    assert client.get(reverse("program:session-list", kwargs={"slug": draft.slug})).status_code == 404
    assert client.get(reverse("program:program-ics", kwargs={"slug": draft.slug})).status_code == 404


def test_schedule_json_validates_against_the_exchange_schema(client, conference, standards_dir):

    add_sessions(conference, 3)
    session = Session.objects.first()
    SessionPerson.objects.create(session=session, name="Ana Lima", country="BR")
    update_session(session, recording_url="https://video.example.org/1", abstract="On the war")
    slides = SessionMaterial.objects.create(
        session=session, title="Slides", file="materials/x.pdf", file_kind="pdf"
    )
    schema = json.loads((standards_dir / "schedule/schema.json").read_text())

    response = client.get(reverse("program:schedule-json", kwargs={"slug": conference.slug}))

    data = response.json()
    jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    days = data["schedule"]["conference"]["days"]
    events = [event for day in days for room in day["rooms"].values() for event in room]
    assert len(events) == 3
    first = next(event for event in events if event["guid"] == str(session.uid))
    [ana] = first["persons"]
    assert (ana["public_name"], ana["id"]) == ("Ana Lima", session.people.get().pk)
    assert uuid.UUID(ana["guid"]) and first["logo"] == ""
    assert [link["url"] for link in first["links"]] == [
        "https://video.example.org/1",
        f"https://notes.example.org/{session.pk}",
    ]
    [attachment] = first["attachments"]
    assert (attachment["type"], attachment["title"]) == ("paper", "Slides")
    assert attachment["url"].endswith(f"/c/{conference.slug}/materials/{slides.pk}/")
    assert client.get(response.wsgi_request.path, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_schedule_xml_validates_against_the_exchange_xml_schema(client, conference, standards_dir):

    add_sessions(conference, 3)
    session = Session.objects.first()
    SessionPerson.objects.create(session=session, name="Ana Lima & «friends»", country="BR")
    update_session(session, recording_url="https://video.example.org/1", abstract="On the <war>")
    SessionMaterial.objects.create(session=session, title="Slides", file="materials/x.pdf", file_kind="pdf")
    schema = etree.XMLSchema(etree.parse(str(standards_dir / "schedule/schedule.xml.xsd")))

    response = client.get(reverse("program:schedule-xml", kwargs={"slug": conference.slug}))

    document = etree.fromstring(response.content)
    assert schema.validate(document), schema.error_log
    assert len(document.findall("day/room/event")) == 3
    person = document.find(f"day/room/event[@guid='{session.uid}']/persons/person")
    assert person.text == "Ana Lima & «friends»"
    assert person.get("id") == str(session.people.get().pk) and uuid.UUID(person.get("guid"))
    assert document.find(f"day/room/event[@guid='{session.uid}']/attachments/attachment").text == "Slides"
    assert response["Content-Type"].startswith("application/xml")


def test_speakers_get_a_calendar_update_when_a_session_moves_and_a_cancel_when_it_is_cancelled(conference):

    session = create_session(
        conference, title="Report", starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 10)
    )
    SessionPerson.objects.create(session=session, name="Ana Lima", email="ana@example.org")
    SessionPerson.objects.create(session=session, name="No Address")

    update_session(session, abstract="Only the text changes")
    update_session(session, starts_at=at(conference, 0, 11), ends_at=at(conference, 0, 12))
    update_session(session, status=SessionStatus.CANCELLED)

    mails = list(OutboxMessage.objects.order_by("pk"))
    assert [mail.recipient for mail in mails] == ["ana@example.org", "ana@example.org"]
    moved, cancelled = (icalendar.Calendar.from_ical(mail.calendar) for mail in mails)
    assert (str(moved["METHOD"]), str(cancelled["METHOD"])) == ("REQUEST", "CANCEL")
    moved_event, cancelled_event = moved.walk("VEVENT")[0], cancelled.walk("VEVENT")[0]
    assert moved_event["UID"] == cancelled_event["UID"]
    assert (moved_event["SEQUENCE"], cancelled_event["SEQUENCE"]) == (1, 2)
    assert "mailto:ana@example.org" in str(moved_event["ATTENDEE"])
    assert mails[1].subject == "Cancelled: Report"


def test_renaming_a_room_or_changing_speakers_refreshes_the_feeds(client, conference):

    add_sessions(conference, 1)
    session = Session.objects.get()
    SessionPerson.objects.create(session=session, name="Rosa Ortiz", email="rosa@example.org")
    url = reverse("program:program-ics", kwargs={"slug": conference.slug})
    first = client.get(url)

    room = session.room
    room.name = "Great hall"
    save_room_or_track(room)
    save_room_or_track(room)  # unchanged: no second mail
    after_rename = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    SessionPerson.objects.create(session=session, name="Ana Lima")
    after_person = client.get(url, HTTP_IF_NONE_MATCH=after_rename["ETag"])

    assert (after_rename.status_code, after_person.status_code) == (200, 200)
    event = icalendar.Calendar.from_ical(after_rename.content).walk("VEVENT")[0]
    assert "Great hall" in str(event["LOCATION"]) and event["SEQUENCE"] == 1
    [mailed] = OutboxMessage.objects.filter(recipient="rosa@example.org")
    assert "SEQUENCE:1" in mailed.calendar and "Great hall" in mailed.calendar


def test_a_session_across_the_october_clock_change_keeps_its_real_length_in_the_schedule(client):
    conference = ConferenceFactory(
        timezone="Europe/Berlin", starts_on=date(2026, 10, 24), ends_on=date(2026, 10, 25)
    )
    # 01:30 summer time (23:30 UTC) to 03:30 winter time (02:30 UTC): three hours, though the wall
    # clock moves two.
    starts_at = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    create_session(conference, title="All night", starts_at=starts_at, ends_at=starts_at + timedelta(hours=3))

    data = client.get(reverse("program:schedule-json", kwargs={"slug": conference.slug})).json()
    xml = etree.fromstring(
        client.get(reverse("program:schedule-xml", kwargs={"slug": conference.slug})).content
    )

    [event] = [event for day in data["schedule"]["conference"]["days"] for room in day["rooms"].values()
               for event in room]  # fmt: skip
    assert event["duration"] == "03:00"
    assert xml.find("day/room/event/duration").text == "03:00"
