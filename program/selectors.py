"""Reads of the program: by day, filtered, and the feed's version for conditional requests."""

from collections import OrderedDict
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max
from django.db.models.functions import TruncDate
from django.utils import timezone

from common.content import in_any_language
from program.enums import SessionStatus
from program.models import Session, Star


def program_sessions(
    conference,
    *,
    track: str = "",
    kind: str = "",
    language: str = "",
    day: date | None = None,
    with_people: bool = True,
    with_materials: bool = False,
) -> list[Session]:
    """The program in order, filtered by a track's name (in any language), a kind, a language, and
    the day it starts on in the conference's time zone. Each session, room and track knows its
    conference, so that its texts come in the conference's order of languages (common.content)."""
    sessions = conference.sessions.select_related("room", "track")
    if day is not None:
        sessions = sessions.filter(starts_at__gte=midnight(day, conference.zone))
        sessions = sessions.filter(starts_at__lt=midnight(day + timedelta(days=1), conference.zone))
    if with_people:
        sessions = sessions.prefetch_related("people")
    if with_materials:
        sessions = sessions.prefetch_related("materials")
    sessions = list(
        matching(sessions, track=track, kind=kind, language=language).order_by(
            "starts_at", "room__position", "pk"
        )
    )
    for session in sessions:
        for part in (session.room, session.track):
            if part is not None:
                part.conference = conference
    return sessions


def matching(sessions, *, track: str, kind: str, language: str):
    """The sessions of a track (by its name in any language), of a kind, in a language; "" is any."""
    if track:
        sessions = sessions.filter(in_any_language("track__name", track))
    if kind:
        sessions = sessions.filter(kind=kind)
    if language:
        sessions = sessions.filter(language=language)
    return sessions


def midnight(day: date, zone) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


def sessions_per_day(conference, *, track: str = "", kind: str = "", language: str = "") -> dict[date, int]:
    """{day in the conference's time zone: how many sessions start on it}, for these filters; one query."""
    sessions = matching(conference.sessions.all(), track=track, kind=kind, language=language)
    rows = (
        sessions.annotate(day=TruncDate("starts_at", tzinfo=conference.zone))
        .values("day")
        .annotate(count=Count("pk"))
        .order_by("day")
    )
    return {row["day"]: row["count"] for row in rows}


def session_languages(conference) -> list[str]:
    """The languages the conference's sessions are held in, each once."""
    return list(
        conference.sessions.exclude(language="")
        .order_by("language")
        .values_list("language", flat=True)
        .distinct()
    )


def place_in_columns(sessions, rooms) -> None:
    """Give each session its room's column of the timetable (None: it spans every column)."""
    column_of = {room.pk: index + 1 for index, room in enumerate(rooms)}
    for session in sessions:
        session.column = column_of.get(session.room_id)


def by_day(sessions, zone) -> OrderedDict:
    """{date in the conference's time zone: [sessions]}, in order."""
    days: OrderedDict = OrderedDict()
    for session in sessions:
        days.setdefault(timezone.localtime(session.starts_at, zone).date(), []).append(session)
    return days


def feed_version(conference) -> tuple[str, datetime]:
    """An ETag and Last-Modified for the program's exports, from one aggregate query: they change
    whenever a session is added, changed or deleted, or the conference itself changes."""
    figures = Session.objects.filter(conference=conference).aggregate(
        count=Count("pk"), latest=Max("updated_at")
    )
    latest = max(filter(None, [figures["latest"], conference.updated_at]))
    return f'"{conference.pk}-{figures["count"]}-{latest.timestamp():.6f}"', latest


def agenda_version(user) -> tuple[str, datetime]:
    """An ETag and Last-Modified for a person's agenda feed, from one aggregate query: they change when a
    star is added or taken away, or a starred session or its conference changes."""
    figures = Star.objects.filter(user=user).aggregate(
        count=Count("pk"),
        latest_star=Max("created_at"),
        latest_session=Max("session__updated_at"),
        latest_conference=Max("session__conference__updated_at"),
    )
    moments = [
        figures["latest_star"],
        figures["latest_session"],
        figures["latest_conference"],
        user.date_joined,
    ]
    latest = max(filter(None, moments))
    return f'"agenda-{user.pk}-{figures["count"]}-{latest.timestamp():.6f}"', latest


def clashes(sessions) -> dict[int, list[str]]:
    """For the editor's grid: which of these sessions share a room or a person at the same time.
    Works on the list already loaded (people prefetched): no query per session."""
    found: dict[int, list[str]] = {}
    scheduled = sorted(
        (session for session in sessions if not session.is_cancelled), key=lambda s: s.starts_at
    )
    names = {session.pk: {person.name.casefold() for person in session.people.all()} for session in scheduled}
    for index, session in enumerate(scheduled):
        for other in scheduled[index + 1 :]:
            if other.starts_at >= session.ends_at:
                break  # sorted by start: none later overlaps either
            shared_room = session.room_id and session.room_id == other.room_id
            shared_people = names[session.pk] & names[other.pk]
            if shared_room or shared_people:
                found.setdefault(session.pk, []).append(other.title)
                found.setdefault(other.pk, []).append(session.title)
    return found


def recordings_by_day(conference) -> OrderedDict:
    """The published recordings of the conference's held sessions, by day in its time zone."""
    sessions = (
        conference.sessions.exclude(recording_url="")
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("room")
    )
    return by_day(sessions.order_by("starts_at", "room__position", "pk"), conference.zone)


def deletion_counts(session) -> dict[str, int]:
    """What goes with a session when it is deleted, for the page that asks first."""
    return {
        "people": session.people.count(),
        "materials": session.materials.count(),
        "followers": session.stars.count(),
    }
