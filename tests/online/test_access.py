"""Who is given a session's meeting link, and when: one test per rule of online.access and online.services."""

from datetime import timedelta

import pytest

from events.enums import ConferenceFormat, TeamRole
from online.access import BACKSTAGE, DoorState, entrant_by_account, entrant_by_registration
from online.models import Attendance
from online.services import JoinRefused, join
from program.enums import PersonRole, SessionStatus
from registrations.enums import RegistrationStatus
from tests.factories import (
    ConferenceFactory,
    InterpretationChannelFactory,
    MembershipFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    SessionPersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROOM_LINK = "https://meet.example.org/plenary-hall"


@pytest.fixture
def session():
    conference = ConferenceFactory(format=ConferenceFormat.HYBRID, join_opens_minutes=15)
    room = RoomFactory(
        conference=conference, online_link=ROOM_LINK, backstage_link="https://meet.example.org/green"
    )
    return SessionFactory(conference=conference, room=room)


def participant(session, status=RegistrationStatus.CONFIRMED):
    return entrant_by_registration(RegistrationFactory(conference=session.conference, status=status))


def at_start(session, minutes: int = 0):
    return session.starts_at + timedelta(minutes=minutes)


def refusal(entrant, session, now, channel=""):
    with pytest.raises(JoinRefused) as refused:
        join(entrant, session, channel=channel, now=now)
    return refused.value.door.state


def test_a_confirmed_participant_gets_the_room_link_from_the_window_to_the_end(session):
    entrant = participant(session)

    assert refusal(entrant, session, at_start(session, -16)) == DoorState.NOT_YET
    assert join(entrant, session, now=at_start(session, -15)) == ROOM_LINK
    assert join(entrant, session, now=session.ends_at - timedelta(seconds=1)) == ROOM_LINK
    assert refusal(entrant, session, session.ends_at) == DoorState.ENDED


@pytest.mark.parametrize(
    "status", [RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED,
               RegistrationStatus.REJECTED],
)  # fmt: skip
def test_a_registration_that_is_not_confirmed_gets_no_link(session, status):
    entrant = participant(session, status)

    assert not entrant.is_in
    assert refusal(entrant, session, at_start(session)) == DoorState.NOT_IN
    assert not Attendance.objects.exists()


def test_a_stranger_signed_in_gets_no_link(session):
    entrant = entrant_by_account(session.conference, UserFactory())

    assert refusal(entrant, session, at_start(session)) == DoorState.NOT_IN


def test_a_participant_of_another_conference_gets_no_link(session):
    other = RegistrationFactory(conference=ConferenceFactory(), email="ana@example.org")
    signed_in = UserFactory(email="ana@example.org")
    other.user = signed_in
    other.save()

    assert (
        refusal(entrant_by_account(session.conference, signed_in), session, at_start(session))
        == DoorState.NOT_IN
    )


@pytest.mark.parametrize("role", [TeamRole.OWNER, TeamRole.ORGANIZER, TeamRole.VIEWER])
def test_the_team_may_open_the_room_at_any_time_before_its_end(session, role):
    member = MembershipFactory(conference=session.conference, role=role).user
    entrant = entrant_by_account(session.conference, member)

    assert join(entrant, session, now=at_start(session, -24 * 60)) == ROOM_LINK
    assert (
        join(entrant, session, channel=BACKSTAGE, now=at_start(session, -60))
        == "https://meet.example.org/green"
    )
    assert refusal(entrant, session, session.ends_at) == DoorState.ENDED


def test_a_speaker_joins_their_own_session_and_its_backstage_early_even_while_waitlisted(session):
    registration = RegistrationFactory(conference=session.conference, status=RegistrationStatus.WAITLISTED)
    SessionPersonFactory(session=session, email=registration.email.upper(), role=PersonRole.SPEAKER)
    other_session = SessionFactory(conference=session.conference, room=session.room)
    speaker = entrant_by_registration(registration)

    assert (
        join(speaker, session, channel=BACKSTAGE, now=at_start(session, -30))
        == "https://meet.example.org/green"
    )
    assert refusal(speaker, session, at_start(session, -31)) == DoorState.NOT_YET
    assert refusal(speaker, other_session, at_start(other_session)) == DoorState.NOT_IN


def test_a_participant_is_not_given_the_backstage(session):
    assert refusal(participant(session), session, at_start(session), channel=BACKSTAGE) == DoorState.NO_LINK


def test_a_cancelled_session_gives_no_link_even_to_the_team(session):
    session.status = SessionStatus.CANCELLED
    session.save()
    member = MembershipFactory(conference=session.conference).user

    assert (
        refusal(entrant_by_account(session.conference, member), session, at_start(session))
        == DoorState.CANCELLED
    )


def test_a_session_takes_its_own_link_before_the_room_and_the_room_before_the_conference(session):
    entrant = participant(session)
    conference = session.conference
    conference.online_link = "https://meet.example.org/whole-conference"
    conference.save()
    roomless = SessionFactory(conference=conference, room=None)
    own = SessionFactory(conference=conference, room=session.room, online_link="https://meet.example.org/own")
    now = at_start(session)

    assert join(entrant, session, now=now) == ROOM_LINK
    assert join(entrant, roomless, now=now) == "https://meet.example.org/whole-conference"
    assert join(entrant, own, now=now) == "https://meet.example.org/own"


def test_an_interpretation_channel_is_its_own_link_and_an_unknown_language_is_none(session):
    InterpretationChannelFactory(session=session, language="ar", link="https://meet.example.org/arabic")
    entrant = participant(session)

    assert join(entrant, session, channel="ar", now=at_start(session)) == "https://meet.example.org/arabic"
    assert refusal(entrant, session, at_start(session), channel="tr") == DoorState.NO_LINK


def test_a_session_without_any_link_says_so(session):
    session.room.online_link = ""
    session.room.save()

    assert refusal(participant(session), session, at_start(session)) == DoorState.NO_LINK


def test_each_join_is_counted_once_per_person_and_session(session):
    entrant = participant(session)

    join(entrant, session, now=at_start(session))
    join(entrant, session, channel="", now=at_start(session, 5))
    join(participant(session), session, now=at_start(session, 6))

    rows = Attendance.objects.order_by("pk")
    assert [row.joins for row in rows] == [2, 1]
    assert rows[0].first_joined_at == at_start(session) and rows[0].last_joined_at == at_start(session, 5)


def test_a_team_member_without_registration_is_counted_by_account(session):
    member = MembershipFactory(conference=session.conference).user

    join(entrant_by_account(session.conference, member), session, now=at_start(session))
    join(entrant_by_account(session.conference, member), session, now=at_start(session, 1))

    assert Attendance.objects.get().user == member
    assert Attendance.objects.get().joins == 2
