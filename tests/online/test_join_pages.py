"""The join page and its join button, through the site: the raw links leave only through the button, to
the right people, and never to another address than the ones stored."""

import re
from datetime import timedelta
from email import message_from_bytes, policy

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.enums import ConferenceFormat, ConferenceStatus, TeamRole
from online.models import Attendance
from outbox import delivery
from outbox.models import OutboxMessage
from program.models import Session
from registrations.enums import RegistrationStatus
from registrations.notifications import send_status_mail
from registrations.services import new_link
from tests.events.test_calendar_parsers import icaljs_events
from tests.factories import (
    ConferenceFactory,
    MembershipFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
)
from tests.mail import write_queued

pytestmark = pytest.mark.django_db

ROOM_LINK = "https://meet.example.org/plenary-hall"
CONFERENCE_LINK = "https://meet.example.org/whole-conference"


@pytest.fixture
def live_session():
    """A hybrid conference with a session live now."""
    now = timezone.now()
    conference = ConferenceFactory(
        format=ConferenceFormat.HYBRID, online_link=CONFERENCE_LINK, starts_on=now.date(), ends_on=now.date()
    )
    room = RoomFactory(conference=conference, online_link=ROOM_LINK)
    return SessionFactory(conference=conference, room=room, starts_at=now - timedelta(minutes=10),
                          ends_at=now + timedelta(minutes=50))  # fmt: skip


def page_of(client, registration):
    token = new_link(registration)
    return token, client.get(f"/r/{token}/online/")


def test_a_confirmed_participant_sees_the_live_session_and_its_button_but_not_the_link(client, live_session):
    registration = RegistrationFactory(conference=live_session.conference)

    token, response = page_of(client, registration)

    assert response.status_code == 200
    page = response.content.decode()
    assert live_session.title in page and f'value="{live_session.uid}"' in page
    assert ROOM_LINK not in page and CONFERENCE_LINK not in page
    assert response["X-Robots-Tag"] == "noindex" and response["Referrer-Policy"] == "same-origin"

    joined = client.post(f"/r/{token}/online/join/", {"session": str(live_session.uid), "channel": ""})

    assert joined.status_code == 302 and joined["Location"] == ROOM_LINK
    assert Attendance.objects.get().registration == registration


@pytest.mark.parametrize(
    ("status", "says"),
    [(RegistrationStatus.WAITLISTED, "waiting list"), (RegistrationStatus.PENDING, "not approved"),
     (RegistrationStatus.CANCELLED, "not active")],
)  # fmt: skip
def test_a_participant_who_is_not_in_is_told_why_and_given_nothing(client, live_session, status, says):
    token, response = page_of(client, RegistrationFactory(conference=live_session.conference, status=status))

    assert says in response.content.decode()
    assert f'value="{live_session.uid}"' not in response.content.decode()
    joined = client.post(f"/r/{token}/online/join/", {"session": str(live_session.uid)})
    assert joined["Location"] == f"/r/{token}/online/"
    assert not Attendance.objects.exists()


def test_the_join_button_goes_nowhere_but_the_stored_links(client, live_session):
    token, _ = page_of(client, RegistrationFactory(conference=live_session.conference))

    for channel in ["https://evil.example.net/", "//evil.example.net", "backstage", "x" * 500]:
        response = client.post(
            f"/r/{token}/online/join/", {"session": str(live_session.uid), "channel": channel}
        )
        assert response["Location"] == f"/r/{token}/online/", channel


def test_a_session_of_another_conference_or_no_session_is_not_found(client, live_session):
    token, _ = page_of(client, RegistrationFactory(conference=live_session.conference))
    elsewhere = SessionFactory(room=RoomFactory(online_link="https://meet.example.org/elsewhere"))

    assert client.post(f"/r/{token}/online/join/", {"session": str(elsewhere.uid)}).status_code == 404
    assert client.post(f"/r/{token}/online/join/", {"session": "not-a-uuid"}).status_code == 404
    assert client.post(f"/r/{token}/online/join/", {}).status_code == 404
    assert client.get("/r/no-such-token/online/").status_code == 404
    assert client.post("/r/no-such-token/online/join/", {"session": str(live_session.uid)}).status_code == 404


def test_an_ended_personal_link_leads_to_the_page_that_mails_a_fresh_one(client, live_session, settings):
    settings.PERSONAL_LINK_DAYS_AFTER_CONFERENCE = -400
    token = new_link(RegistrationFactory(conference=live_session.conference))

    response = client.get(f"/r/{token}/online/")

    assert response.status_code == 302 and response["Location"] == f"/r/{token}/"


def test_signed_in_the_team_joins_from_their_own_page(client, live_session):
    member = MembershipFactory(conference=live_session.conference).user
    client.force_login(member)
    slug = live_session.conference.slug

    assert client.get(f"/me/online/{slug}/").status_code == 200
    response = client.post(f"/me/online/{slug}/join/", {"session": str(live_session.uid)})

    assert response["Location"] == ROOM_LINK
    assert Attendance.objects.get().user == member


def test_signed_in_a_stranger_is_told_to_register_and_a_draft_is_not_found(client, live_session):
    client.force_login(UserFactory())
    slug = live_session.conference.slug

    response = client.get(f"/me/online/{slug}/")
    assert "not registered" in response.content.decode()
    assert client.post(f"/me/online/{slug}/join/", {"session": str(live_session.uid)})["Location"] == (
        f"/me/online/{slug}/"
    )
    draft = ConferenceFactory(status=ConferenceStatus.DRAFT)
    assert client.get(f"/me/online/{draft.slug}/").status_code == 404
    client.logout()
    assert client.get(f"/me/online/{slug}/").status_code == 302  # to sign in


def test_after_the_conference_the_page_shows_recordings_instead_of_buttons(client, live_session):
    live_session.starts_at -= timedelta(days=2)
    live_session.ends_at -= timedelta(days=2)
    live_session.recording_url = "https://video.example.org/plenary"
    live_session.save()

    _, response = page_of(client, RegistrationFactory(conference=live_session.conference))

    page = response.content.decode()
    assert "https://video.example.org/plenary" in page and "Recordings" in page
    assert f'value="{live_session.uid}"' not in page


def test_the_join_page_costs_the_same_queries_at_20_and_2000_sessions(client, live_session):
    conference = live_session.conference
    registration = RegistrationFactory(conference=conference)
    token = new_link(registration)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/r/{token}/online/").status_code == 200
        return len(captured)

    rooms = [live_session.room, *(RoomFactory(conference=conference) for _ in range(9))]

    def add_sessions(count: int) -> None:
        """Ten rooms in parallel, one-hour sessions: half of them over, half to come."""
        first = Session.objects.filter(conference=conference).count()
        Session.objects.bulk_create(
            Session(conference=conference, room=rooms[n % 10], title=f"S{n}",
                    starts_at=live_session.starts_at + timedelta(hours=(n // 10 + 1) * (-1) ** n),
                    ends_at=live_session.starts_at + timedelta(hours=(n // 10 + 1) * (-1) ** n, minutes=50))
            for n in range(first, first + count)
        )  # fmt: skip

    earlier = live_session.starts_at - timedelta(hours=3)
    SessionFactory(
        conference=conference, room=live_session.room, starts_at=earlier, ends_at=earlier + timedelta(hours=1)
    )
    add_sessions(20)
    small = queries()
    add_sessions(1980)
    assert Session.objects.filter(conference=conference).count() == 2002
    assert (small, queries()) == (12, 12)  # one of them: whether the conference is on BigBlueButton


def confirm(conference, address: str, full_name: str = "Ana") -> None:
    """A confirmed registration's mail, as registering sends it."""
    registration = RegistrationFactory(conference=conference, email=address, full_name=full_name)
    send_status_mail(registration, token=new_link(registration))
    write_queued()  # as the worker does before sending


def sent_to(address: str):
    row = OutboxMessage.objects.get(recipient=address)
    return row, message_from_bytes(delivery.build_email(row).message().as_bytes(), policy=policy.default)


def test_the_confirmation_of_an_online_conference_carries_the_join_page_and_never_a_raw_link(live_session):
    conference = live_session.conference
    confirm(conference, "ana@example.org")

    row, message = sent_to("ana@example.org")

    join_page = re.search(r"http://127\.0\.0\.1:8000/r/[\w-]+/online/", row.body_text).group()
    everything = message.as_string()
    assert ROOM_LINK not in everything and CONFERENCE_LINK not in everything
    [inline, _attachment] = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    event = icalendar.Calendar.from_ical(inline.get_content()).walk("VEVENT")[0]
    assert str(event["URL"]) == join_page
    assert str(event["CONFERENCE"]) == join_page
    assert event["CONFERENCE"].params["VALUE"] == "URI"


def test_the_stored_copy_keeps_no_token_in_its_calendar_once_sent(live_session, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    confirm(live_session.conference, "ana@example.org", full_name="Ana " * 20)
    row = OutboxMessage.objects.get()
    [token] = row.redactions

    delivery.deliver([row.pk])

    row.refresh_from_db()
    assert token not in row.calendar.replace("\r\n ", "")
    assert "/r/[redacted]/online/" in row.calendar.replace("\r\n ", "")
    icalendar.Calendar.from_ical(row.calendar)  # still a calendar
    assert all(len(line.encode()) <= 75 for line in row.calendar.split("\r\n"))


def test_an_in_person_conference_mail_has_no_join_page(live_session):
    conference = live_session.conference
    conference.format = ConferenceFormat.IN_PERSON
    conference.save()
    confirm(conference, "ana@example.org")

    _row, message = sent_to("ana@example.org")

    assert "/online/" not in message.as_string()


def test_the_public_program_calendar_names_the_room_without_its_link(client, live_session):
    response = client.get(f"/c/{live_session.conference.slug}/program.ics")

    calendar = response.content.decode().replace("\r\n ", "")
    assert live_session.room.name in calendar
    assert ROOM_LINK not in calendar and CONFERENCE_LINK not in calendar
    session_file = client.get(f"/c/{live_session.conference.slug}/sessions/{live_session.pk}.ics")
    assert ROOM_LINK not in session_file.content.decode().replace("\r\n ", "")


def test_the_organizers_see_online_attendance_on_the_desk_and_per_session_at_a_constant_query_count(
    client, live_session, sign_in_team
):
    member = sign_in_team(TeamRole.VIEWER, conference=live_session.conference)
    conference = member.conference
    for _ in range(3):
        token, _page = page_of(client, RegistrationFactory(conference=conference))
        client.post(f"/r/{token}/online/join/", {"session": str(live_session.uid)})
    client.force_login(member.user)

    desk = client.get(f"/manage/c/{conference.slug}/registrations/check-in/").content.decode()
    assert "3 joined online" in desk

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(f"/manage/c/{conference.slug}/online/")
        assert page.status_code == 200
        return len(captured)

    small = queries()
    SessionFactory.create_batch(40, conference=conference, room=live_session.room)
    assert (small, queries()) == (9, 9)  # one of them: the BigBlueButton server, for the link to its page


def test_thunderbirds_parser_reads_the_join_page_as_the_events_url_and_conference(live_session):
    confirm(live_session.conference, "ana@example.org")
    row, _message = sent_to("ana@example.org")
    join_page = re.search(r"http://127\.0\.0\.1:8000/r/[\w-]+/online/", row.body_text).group()

    [event] = icaljs_events(row.calendar.encode())

    assert (event["url"], event["conference"]) == (join_page, join_page)
