"""A conference with its team, another conference, and the tokens of each kind of caller."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import pytest

from api.services import create_token
from events.enums import TeamRole
from proceedings.enums import AmendmentKind
from proceedings.models import Amendment
from proceedings.services.declarations import create_declaration
from program.models import Room, Session, Track
from tests.factories import (
    CampaignFactory,
    ConferenceFactory,
    MembershipFactory,
    RegistrationFactory,
    UserFactory,
)


@dataclass
class World:
    conference: object
    other: object
    session: object
    room: object
    track: object
    registration: object
    other_session: object
    other_registration: object
    campaign: object
    other_campaign: object
    declaration: object
    other_declaration: object
    tokens: dict  # caller -> secret, "" for no token


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}


def make_program(conference, count: int = 1, *, label: str = ""):
    room = Room.objects.create(conference=conference, name=f"Hall of {conference.slug}{label}")
    track = Track.objects.create(conference=conference, name=f"Reports of {conference.slug}{label}")
    starts = datetime.combine(conference.starts_on, time(9), tzinfo=conference.zone)
    sessions = [
        Session.objects.create(conference=conference, title=f"Session {number}", room=room, track=track,
                               starts_at=starts + timedelta(hours=number),
                               ends_at=starts + timedelta(hours=number + 1))
        for number in range(count)
    ]  # fmt: skip
    return room, track, sessions


def make_declaration(conference):
    """A declaration of two paragraphs with one amendment proposed to its first."""
    declaration = create_declaration(conference, title="Final declaration", language="en",
                                     text="We meet.\n\nWe resolve.")  # fmt: skip
    Amendment.objects.create(
        declaration=declaration, paragraph_key=1, paragraph_number=1, base_version=declaration.versions.get(),
        kind=AmendmentKind.REPLACE, text="We met.", rationale="Tense.", proposer_name="Ana Lima",
    )  # fmt: skip
    return declaration


@pytest.fixture
def world(db) -> World:
    conference, other = ConferenceFactory(slug="ours"), ConferenceFactory(slug="theirs")
    organizer, viewer, outsider = UserFactory(), UserFactory(), UserFactory()
    MembershipFactory(conference=conference, user=organizer, role=TeamRole.ORGANIZER)
    MembershipFactory(conference=conference, user=viewer, role=TeamRole.VIEWER)
    MembershipFactory(conference=other, user=outsider, role=TeamRole.OWNER)
    MembershipFactory(conference=other, user=organizer, role=TeamRole.OWNER)
    room, track, [session] = make_program(conference)
    _room, _track, [other_session] = make_program(other)
    tokens = {
        "organizer": create_token(organizer, name="all", scope="write")[1],
        "organizer-read-only": create_token(organizer, name="read", scope="read")[1],
        "organizer-other-conference": create_token(organizer, name="theirs", scope="write", conference=other)[
            1
        ],
        "viewer": create_token(viewer, name="viewer", scope="write")[1],
        "outsider": create_token(outsider, name="outsider", scope="write")[1],
        "anonymous": "",
    }
    return World(
        conference=conference, other=other, session=session, room=room, track=track,
        registration=RegistrationFactory(conference=conference), other_session=other_session,
        other_registration=RegistrationFactory(conference=other), tokens=tokens,
        campaign=CampaignFactory(conference=conference), other_campaign=CampaignFactory(conference=other),
        declaration=make_declaration(conference), other_declaration=make_declaration(other),
    )  # fmt: skip
