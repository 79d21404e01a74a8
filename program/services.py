"""Writes on the program: sessions keep their calendar identity and raise SEQUENCE when they move."""

from datetime import UTC, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from common.content import localized_columns
from common.locking import locked
from events.enums import ConferenceFormat
from events.models import Conference
from program import notifications
from program.enums import SessionStatus
from program.models import Room, Session, SessionPerson, Track

# A change of these moves the session in calendars that hold it.
CALENDAR_FIELDS = ("starts_at", "ends_at", "room_id", "status", *localized_columns("title"))


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


def conflicts(session: Session, people_names: list[str] | None = None) -> list[str]:
    """What clashes with this session as it stands: the organizer may still save it, knowingly.
    people_names are its speakers and chair as being edited; by default, those saved."""
    found = []
    if session.is_cancelled or not (session.starts_at and session.ends_at):
        return found
    overlapping = (
        Session.objects.filter(
            conference=session.conference_id,
            status=SessionStatus.SCHEDULED,
            starts_at__lt=session.ends_at,
            ends_at__gt=session.starts_at,
        )
        .exclude(pk=session.pk)
        .select_related("room")
        .prefetch_related("people")
    )
    for other in overlapping:
        if session.room_id and other.room_id == session.room_id:
            found.append(_("%(room)s is also used by “%(other)s”.") % {"room": other.room, "other": other})
    if people_names is None:
        people_names = [person.name for person in session.people.all()] if session.pk else []
    names = {name.casefold() for name in people_names}
    if names:
        for other in overlapping:
            for person in other.people.all():
                if person.name.casefold() in names:
                    found.append(
                        _("%(name)s is also in “%(other)s” at that time.")
                        % {"name": person.name, "other": other}
                    )
    if session.conference.format == ConferenceFormat.ONLINE and not (
        session.online_link or (session.room and session.room.online_link) or session.conference.online_link
    ):
        found.append(_("The conference is online, but this session has no online link, nor its room."))
    return found


def build_session(conference: Conference, **fields) -> Session:
    """An unsaved session with these fields, checked: to show its clashes before saving it."""
    session = Session(conference=conference, **fields)
    validate_session(session)
    return session


def with_changes(session: Session, **fields) -> Session:
    """An unsaved copy of the session with these changes, checked, for the same purpose."""
    candidate = Session.objects.select_related("conference", "room").get(pk=session.pk)
    for name, value in fields.items():
        setattr(candidate, name, value)
    validate_session(candidate)
    return candidate


def moved_to(session: Session, *, starts_at: datetime, room) -> dict:
    """The fields of the session moved to a new start and room, as long as before in real time: the
    end is computed on the UTC instants (an aware datetime plus a timedelta is wall-clock arithmetic,
    an hour off across a clock change)."""
    start = starts_at.astimezone(UTC)
    return {"starts_at": start, "ends_at": start + (session.ends_at - session.starts_at), "room": room}


@transaction.atomic
def create_session(conference: Conference, **fields) -> Session:
    session = Session(conference=conference, **fields)
    validate_session(session)
    session.full_clean(exclude=["conference"])
    session.save()
    notifications.tell_webhooks(session)
    return session


@transaction.atomic
def update_session(session: Session, **fields) -> Session:
    """Save the changes; a new time, room, title or status raises the SEQUENCE calendars go by."""
    stored = locked(Session, session.pk)
    for name, value in fields.items():
        setattr(session, name, value)
    validate_session(session)
    session.full_clean(exclude=["conference"])
    moved = any(getattr(session, name) != getattr(stored, name) for name in CALENDAR_FIELDS)
    if moved:
        session.sequence = stored.sequence + 1
    session.save()
    if moved:
        notifications.send_session_update(session)
    notifications.tell_webhooks(session)
    return session


@transaction.atomic
def cancel_session(session: Session) -> Session:
    """Cancel, even a session the conference's days no longer contain: calendars must drop it."""
    stored = locked(Session, session.pk)
    if stored.is_cancelled:
        return stored
    stored.status = SessionStatus.CANCELLED
    stored.sequence += 1
    stored.save(update_fields=["status", "sequence", "updated_at"])
    notifications.send_session_update(stored)
    notifications.tell_webhooks(stored)
    return stored


@transaction.atomic
def set_people(session: Session, people: list[dict]) -> list[SessionPerson]:
    """Replace the session's speakers and chair by these (name, role, organization, email), in order; each
    is checked as the session's form checks it. Returns the new rows, not yet linked to registrations."""
    rows = [
        SessionPerson(session=session, position=position, **person) for position, person in enumerate(people)
    ]
    for position, row in enumerate(rows):
        try:
            row.full_clean(exclude=["session", "registration"])
        except ValidationError as error:
            raise ValidationError({f"people.{position}.{name}": messages for name, messages in
                                   error.message_dict.items()}) from error  # fmt: skip
    session.people.all().delete()
    return SessionPerson.objects.bulk_create(rows)


@transaction.atomic
def delete_session(session: Session) -> None:
    """Remove a session. A scheduled one is cancelled first, so that the calendars holding it (its
    speakers', its followers', subscribed feeds until they refresh) drop it instead of keeping it."""
    cancelled = cancel_session(session)
    notifications.tell_webhooks(cancelled, deleted=True)
    session.delete()
    # Nothing that remains records the deletion: move the feeds' Last-Modified on.
    Conference.objects.filter(pk=session.conference_id).update(updated_at=timezone.now())


@transaction.atomic
def save_room_or_track(item: Room | Track) -> None:
    """Add or change a room or a track; a name the conference has already is refused. A room that
    changes its name moves its sessions' LOCATION: their SEQUENCE grows, and their speakers and
    followers get the update. (Its links are in no calendar: they change without a mail.)"""
    names = localized_columns("name")
    names_before = (
        Room.objects.filter(pk=item.pk).values_list(*names).first()
        if isinstance(item, Room) and item.pk
        else None
    )
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise ValidationError({"name": _("%(name)s exists already.") % {"name": item.name}}) from None
    if names_before is not None and names_before != tuple(getattr(item, name) for name in names):
        Session.objects.filter(room=item).update(sequence=F("sequence") + 1)
        moved = Session.objects.filter(room=item, status=SessionStatus.SCHEDULED)
        for session in moved.select_related("conference", "room", "track").prefetch_related("people"):
            notifications.send_session_update(session)


@transaction.atomic
def delete_room_or_track(item: Room | Track) -> None:
    """Delete a room or a track; one that still holds sessions is refused."""
    try:
        with transaction.atomic():
            item.delete()
    except ProtectedError:
        raise ValidationError(
            _("%(name)s still has sessions: move them first.") % {"name": item.name}
        ) from None
