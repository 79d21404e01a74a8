"""Writes on the program: sessions keep their calendar identity and raise SEQUENCE when they move."""

from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from events.models import Conference
from sessions.models import Session

# A change of these moves the session in calendars that hold it.
CALENDAR_FIELDS = ("starts_at", "ends_at", "room_id", "status", "title")


def validate_session(session: Session) -> None:
    """The rules of every save; errors name their field."""
    errors = {}
    conference = session.conference
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        errors["ends_at"] = _("A session must end after it starts.")
    if session.starts_at and conference.starts_on:
        first = datetime.combine(conference.starts_on, time.min, tzinfo=conference.zone)
        after_last = datetime.combine(
            conference.ends_on + timedelta(days=1), time.min, tzinfo=conference.zone
        )
        if not first <= session.starts_at < after_last or (session.ends_at and session.ends_at > after_last):
            errors["starts_at"] = _("The session must be within the conference's days.")
    if session.room_id and session.room.conference_id != conference.pk:
        errors["room"] = _("Choose a room of this conference.")
    if session.track_id and session.track.conference_id != conference.pk:
        errors["track"] = _("Choose a track of this conference.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_session(conference: Conference, **fields) -> Session:
    session = Session(conference=conference, **fields)
    validate_session(session)
    session.full_clean(exclude=["conference"])
    session.save()
    return session


@transaction.atomic
def update_session(session: Session, **fields) -> Session:
    """Save the changes; a new time, room, title or status raises the SEQUENCE calendars go by."""
    stored = Session.objects.select_for_update().get(pk=session.pk)
    for name, value in fields.items():
        setattr(session, name, value)
    validate_session(session)
    session.full_clean(exclude=["conference"])
    if any(getattr(session, name) != getattr(stored, name) for name in CALENDAR_FIELDS):
        session.sequence = stored.sequence + 1
    session.save()
    return session
