"""Joining a session: the door is checked, the attendance written, and the link handed back: the stored
one, or for a conference on BigBlueButton a join address signed for this person."""

import logging
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from online import bigbluebutton
from online.access import Door, DoorState, Entrant, channel_link, door
from online.models import Attendance, BigBlueButtonServer
from online.selectors import meeting_server

logger = logging.getLogger(__name__)


class JoinRefused(Exception):
    def __init__(self, door: Door) -> None:
        super().__init__(door.state)
        self.door = door


def join(entrant: Entrant, session, *, channel: str = "", now: datetime) -> str:
    """The address behind a join button, for this person at this moment; JoinRefused if the door is shut.

    Only links stored for the session, its room or the conference are ever returned, or, for the main
    channel of a conference on BigBlueButton, the address of the session's meeting on its server, so
    the join address cannot send anyone elsewhere. The attendance is written only once there is an
    address to go to: a meeting server that fails refuses the join (SERVICE_DOWN) and records nothing."""
    server = meeting_server(entrant.conference)
    on_bigbluebutton = server is not None and not channel
    state = door(entrant, session, now=now, has_link=True if server is not None else None)
    if not state.is_open:
        raise JoinRefused(state)
    if on_bigbluebutton:
        link = bigbluebutton_join_url(server, entrant, session)
    else:  # interpretation channels and the backstage stay the stored links
        link = channel_link(entrant, session, channel)
    if not link:
        raise JoinRefused(Door(DoorState.NO_LINK))
    record_attendance(entrant, session, channel=channel, now=now)
    return link


def meeting_name_of(entrant: Entrant) -> str:
    """The name others see in the meeting: the registration's or the account's full name, never an
    address (an account without a name enters under the part of its address before the @)."""
    if entrant.user is not None and entrant.name == entrant.user.email:
        return entrant.name.partition("@")[0]
    return entrant.name


def bigbluebutton_join_url(server: BigBlueButtonServer, entrant: Entrant, session) -> str:
    """Create the session's meeting on the server (the documented create is idempotent: the first call
    makes it, later ones find it, and one that the server has since closed is made again), then sign a
    join address for this person alone: their own name, MODERATOR for the session's chairs and the
    team, VIEWER for everyone else. JoinRefused(SERVICE_DOWN) if the server fails or does not answer."""
    client = bigbluebutton.Client(server.api_url, server.secret)
    meeting = bigbluebutton.meeting_id(session.uid)
    try:
        client.create(meeting=meeting, name=session.title)
    except bigbluebutton.BigBlueButtonError as error:
        logger.warning("BigBlueButton at %s refused to create %s: %s", server.api_url, meeting, error)
        raise JoinRefused(Door(DoorState.SERVICE_DOWN)) from error
    if entrant.registration is not None:
        user_id = f"registration-{entrant.registration.pk}"
    else:
        user_id = f"user-{entrant.user.pk}"
    role = bigbluebutton.MODERATOR if entrant.moderates(session) else bigbluebutton.VIEWER
    return client.join_url(meeting=meeting, full_name=meeting_name_of(entrant), role=role, user_id=user_id)


def record_attendance(entrant: Entrant, session, *, channel: str, now: datetime) -> None:
    """One row per person and session: the first join writes it, later ones count."""
    if entrant.registration is not None:
        who = {"registration": entrant.registration}
    else:
        who = {"user": entrant.user, "registration": None}
    rows = Attendance.objects.filter(session=session, **who)
    if rows.update(last_joined_at=now, joins=F("joins") + 1, last_channel=channel):
        return
    try:
        with transaction.atomic():
            Attendance.objects.create(
                session=session, first_joined_at=now, last_joined_at=now, last_channel=channel, **who
            )
    except IntegrityError:  # a second click that arrived at the same moment wrote it first
        rows.update(last_joined_at=now, joins=F("joins") + 1, last_channel=channel)


def save_bigbluebutton_server(conference, *, api_url: str, secret: str, enabled: bool) -> BigBlueButtonServer:
    """Set the conference's BigBlueButton server (https only; the documented /bigbluebutton/api/ path is
    added to an address that lacks it). An empty secret keeps the stored one. While the server is to be
    used, it must answer a signed call with this address and secret before anything is saved: else a
    ValidationError that says whether it did not answer or refused the secret, and nothing changes."""
    server = BigBlueButtonServer.objects.filter(conference=conference).first()
    if server is None:
        server = BigBlueButtonServer(conference=conference)
    server.api_url = bigbluebutton.api_base(api_url) if api_url else ""
    server.secret = secret or server.secret
    server.enabled = enabled
    server.full_clean()
    if enabled:
        try:
            bigbluebutton.Client(server.api_url, server.secret).check()
        except bigbluebutton.BigBlueButtonError as error:
            if error.key == "checksumError":
                message = _("The server at %(address)s answers but refuses the shared secret.")
            else:
                message = _(
                    "The server at %(address)s does not answer as BigBlueButton does. Check the address "
                    "(it ends in /bigbluebutton/api/) and that the server is running."
                )
            raise ValidationError(message, code="server", params={"address": server.api_url}) from error
    server.save()
    return server
