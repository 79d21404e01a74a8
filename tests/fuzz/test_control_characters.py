"""Text typed with line breaks, tabs and other control characters: the feeds still answer, and parse."""

import json
from datetime import UTC, datetime

import icalendar
import pytest
from django.urls import reverse
from lxml import etree

from events.enums import TeamRole
from events.forms.conferences import ConferenceCreateForm
from events.forms.meetings import MeetingForm
from events.models import MeetingParticipant
from program.forms import RoomForm, SessionForm, TrackForm
from program.models import Room, Session, Track
from tests.factories import ConferenceFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "Line\nbreak",
    "Carriage\rreturn",
    "Both\r\nends",
    "Tab\there",
    "Bell\x07vertical\x0bform\x0cescape\x1bdelete\x7f",
    "Long " + "x" * 290,
]


def hostile_conference(text: str):
    conference = ConferenceFactory(
        title=text[:300],
        tagline=text[:300],
        venue=text[:200],
        address=text,
        online_link="https://example.org/join",
    )
    room = Room.objects.create(conference=conference, name=text[:100], online_link="https://example.org/room")
    track = Track.objects.create(conference=conference, name=text[:100])
    session = Session.objects.create(
        conference=conference,
        title=text[:300],
        abstract=text,
        starts_at=datetime(2030, 5, 22, 9, 0, tzinfo=UTC),
        ends_at=datetime(2030, 5, 22, 10, 0, tzinfo=UTC),
        room=room,
        track=track,
    )
    meeting = MeetingFactory(conference=conference, title=text[:200], place=text[:200], agenda=text)
    MeetingParticipant.objects.create(meeting=meeting, name=text[:200], email="ana@example.org")
    return conference, session, meeting


@pytest.mark.parametrize("text", HOSTILE)
def test_feeds_with_control_characters_in_stored_texts_answer_and_parse(client, text):
    conference, session, meeting = hostile_conference(text)
    membership = MembershipFactory(conference=conference, role=TeamRole.ORGANIZER)
    client.force_login(membership.user)
    calendars = [
        reverse("program:program-ics", kwargs={"slug": conference.slug}),
        reverse("program:session-ics", kwargs={"slug": conference.slug, "pk": session.pk}),
        reverse("events:meeting-ics", kwargs={"uid": meeting.uid}),
        reverse("events:manage-meeting-ics", kwargs={"slug": conference.slug, "pk": meeting.pk}),
    ]
    for url in calendars:
        response = client.get(url)
        assert response.status_code == 200, url
        calendar = icalendar.Calendar.from_ical(response.content)
        [event] = calendar.walk("VEVENT")
        assert "\x07" not in str(event["SUMMARY"])
        assert str(event["SUMMARY"]).strip() != ""
    response = client.get(reverse("program:schedule-json", kwargs={"slug": conference.slug}))
    assert response.status_code == 200
    json.loads(response.content)
    response = client.get(reverse("program:schedule-xml", kwargs={"slug": conference.slug}))
    assert response.status_code == 200
    etree.fromstring(response.content, parser=etree.XMLParser(resolve_entities=False))


def test_program_feed_name_with_a_line_break_is_one_line(client):
    conference, _session, _meeting = hostile_conference("First line\r\nsecond\tline\x07")
    response = client.get(reverse("program:program-ics", kwargs={"slug": conference.slug}))
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "First line second line"
    assert str(calendar["NAME"]) == "First line second line"


SINGLE_LINE_HOSTILE = ["Line\nbreak", "Carriage\rreturn", "Tab\there", "Bell\x07", "Escape\x1b[0m"]


@pytest.mark.parametrize("text", SINGLE_LINE_HOSTILE)
def test_single_line_fields_refuse_control_characters(text):
    conference = ConferenceFactory()
    first_language = (conference.working_languages or ["en"])[0]
    message = ["Write this on one line, without tabs or other control characters."]
    forms = [
        (ConferenceCreateForm({"title": text, "starts_on": "2030-01-01", "ends_on": "2030-01-02",
                               "timezone": "UTC"}), "title_en"),
        (RoomForm({"name": text}), "name_en"),
        (TrackForm({"name": text, "colour": "#aa0000"}), "name_en"),
        (SessionForm({"title": text, "kind": "plenary", "starts_at": "2030-01-01T09:00",
                      "ends_at": "2030-01-01T10:00", "status": "scheduled"}, conference=conference),
         f"title_{first_language}"),
        (MeetingForm({"title": "Meeting", "place": text, "starts_at": "2030-01-01T09:00",
                      "ends_at": "2030-01-01T10:00", "status": "scheduled"}), "place"),
    ]  # fmt: skip
    for form, field in forms:
        assert form.errors == {field: message}, type(form).__name__


def test_text_areas_keep_line_breaks_and_tabs_and_refuse_other_control_characters():
    data = {"title": "Conference", "starts_on": "2030-01-01", "ends_on": "2030-01-02", "timezone": "UTC"}

    kept = ConferenceCreateForm({**data, "description": "First\r\n\tsecond"})
    refused = ConferenceCreateForm({**data, "description": "Bell\x07"})

    assert kept.errors == {}
    assert refused.errors == {"description_en": ["Remove the control characters from this text."]}
