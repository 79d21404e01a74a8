"""Joining a session: the door is checked, the attendance written, and the stored link handed back."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F

from online.access import Door, DoorState, Entrant, channel_link, door
from online.models import Attendance


class JoinRefused(Exception):
    def __init__(self, door: Door) -> None:
        super().__init__(door.state)
        self.door = door


def join(entrant: Entrant, session, *, channel: str = "", now: datetime) -> str:
    """The address behind a join button, for this person at this moment; JoinRefused if the door is shut.

    Only links stored for the session, its room or the conference are ever returned, so the join
    address cannot send anyone elsewhere."""
    state = door(entrant, session, now=now)
    if not state.is_open:
        raise JoinRefused(state)
    link = channel_link(entrant, session, channel)
    if not link:
        raise JoinRefused(Door(DoorState.NO_LINK))
    record_attendance(entrant, session, channel=channel, now=now)
    return link


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
