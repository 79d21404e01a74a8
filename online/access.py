"""Who may join which session online, and when: the one place these rules live.

A confirmed participant may join every session of the conference from `join_opens_minutes` before it
starts until it ends; speakers and chairs may join their own sessions (and the backstage) from
BACKSTAGE_OPENS before, whatever their registration's status; the team (owners, organizers, viewers) may
open every room at any time, to prepare it. Nobody is given a link to a cancelled or ended session.
Pending, waitlisted, refused or cancelled registrations are not in, and are told why.
"""

import enum
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Q

from events.enums import TeamRole
from events.models import Conference, ConferenceMembership
from program.enums import PersonRole
from program.models import SessionPerson
from registrations.enums import RegistrationStatus
from registrations.models import Registration

BACKSTAGE_OPENS = timedelta(minutes=30)
BACKSTAGE = "backstage"


@dataclass(frozen=True)
class Entrant:
    """A person on the join page of a conference: by a registration's personal link, or signed in."""

    conference: Conference
    name: str
    registration: Registration | None = None
    user: object = None
    team_role: str | None = None
    speaking: frozenset[int] = field(default_factory=frozenset)  # ids of the sessions they speak at or chair
    chairing: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_team(self) -> bool:
        return self.team_role is not None

    @property
    def is_confirmed(self) -> bool:
        return self.registration is not None and self.registration.status == RegistrationStatus.CONFIRMED

    @property
    def is_in(self) -> bool:
        """May join sessions at all (the page tells the others why not)."""
        return self.is_team or self.is_confirmed or bool(self.speaking)

    def speaks_at(self, session) -> bool:
        return session.pk in self.speaking

    def moderates(self, session) -> bool:
        """Chairs their session, or is on the team: the moderator role where the meeting service has one."""
        return self.is_team or session.pk in self.chairing


def _roles(conference: Conference, *, registration=None, addresses=()) -> tuple[frozenset, frozenset]:
    match = Q()
    if registration is not None:
        match |= Q(registration=registration) | Q(email__iexact=registration.email)
    for address in addresses:
        match |= Q(email__iexact=address)
    if not match:
        return frozenset(), frozenset()
    people = SessionPerson.objects.filter(match, session__conference=conference).values_list(
        "session_id", "role"
    )
    speaking = frozenset(session_id for session_id, _role in people)
    chairing = frozenset(session_id for session_id, role in people if role == PersonRole.CHAIR)
    return speaking, chairing


def entrant_by_registration(registration: Registration) -> Entrant:
    """The holder of a registration's personal link."""
    speaking, chairing = _roles(registration.conference, registration=registration)
    return Entrant(
        conference=registration.conference,
        name=registration.full_name,
        registration=registration,
        speaking=speaking,
        chairing=chairing,
    )


def entrant_by_account(conference: Conference, user) -> Entrant:
    """A signed-in person: their registration (by account or verified address), team role and sessions."""
    addresses = user.verified_addresses()
    registrations = Registration.objects.filter(conference=conference).filter(
        Q(user=user) | Q(email__in=addresses)
    )
    # Of several (a cancelled one, then a new one), the one that lets them in speaks for them.
    registration = registrations.filter(status=RegistrationStatus.CONFIRMED).first() or registrations.first()
    membership = ConferenceMembership.objects.filter(conference=conference, user=user).first()
    speaking, chairing = _roles(conference, registration=registration, addresses=addresses)
    return Entrant(
        conference=conference,
        name=user.full_name or (registration.full_name if registration else user.email),
        registration=registration,
        user=user,
        team_role=TeamRole(membership.role) if membership else None,
        speaking=speaking,
        chairing=chairing,
    )


class DoorState(enum.StrEnum):
    OPEN = "open"
    NOT_YET = "not-yet"
    ENDED = "ended"
    CANCELLED = "cancelled"
    NOT_IN = "not-in"
    NO_LINK = "no-link"
    SERVICE_DOWN = "service-down"  # the meeting server (BigBlueButton) failed or did not answer


@dataclass(frozen=True)
class Door:
    state: DoorState
    opens_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.state == DoorState.OPEN


def opens_at(entrant: Entrant, session) -> datetime | None:
    """When the entrant may first go in: None for the team, who may open a room at any time."""
    if entrant.is_team:
        return None
    window = timedelta(minutes=entrant.conference.join_opens_minutes)
    if entrant.speaks_at(session):
        window = max(window, BACKSTAGE_OPENS)
    return session.starts_at - window


def main_link(session) -> str:
    """The session's own link, else its room's, else the conference's."""
    room = session.room
    return session.online_link or (room.online_link if room else "") or session.conference.online_link


def backstage_link(session) -> str:
    room = session.room
    return session.backstage_link or (room.backstage_link if room else "")


def door(entrant: Entrant, session, *, now: datetime, has_link: bool | None = None) -> Door:
    """Whether the entrant may join the session now, and if not, why (and from when)."""
    if session.is_cancelled:
        return Door(DoorState.CANCELLED)
    if now >= session.ends_at:
        return Door(DoorState.ENDED)
    if not (entrant.is_team or entrant.is_confirmed or entrant.speaks_at(session)):
        return Door(DoorState.NOT_IN)
    if not (has_link if has_link is not None else bool(main_link(session))):
        return Door(DoorState.NO_LINK)
    start = opens_at(entrant, session)
    if start is not None and now < start:
        return Door(DoorState.NOT_YET, opens_at=start)
    return Door(DoorState.OPEN)


def channel_link(entrant: Entrant, session, channel: str) -> str:
    """The stored link behind a join button: "" for the session's main link, an interpretation language,
    or BACKSTAGE (speakers, chairs and the team only). Empty when there is no such link for this person."""
    if not channel:
        return main_link(session)
    if channel == BACKSTAGE:
        return backstage_link(session) if (entrant.is_team or entrant.speaks_at(session)) else ""
    for interpretation in session.channels.all():
        if interpretation.language == channel:
            return interpretation.link
    return ""
