"""The program in the frab/c3voc schedule exchange format, which conference companion apps read.

One structure serves schedule.json and schedule.xml; the tests validate both against the
format's own JSON Schema and XML Schema (../shared/standards/schedule/).
"""

import re
import uuid
from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from events.calendar import absolute_url, site_domain

VERSION_PREFIX = "zimmerwald"
ROOM_NAMESPACE = uuid.UUID("6f1c3a1e-8d0e-4f6a-9a55-0d1b2c3d4e5f")  # rooms get stable UUIDs from their key
KIND_TYPES = {"plenary": "talk", "panel": "discussion", "workshop": "workshop", "working_group": "workshop",
              "meeting": "meeting", "break": "other"}  # fmt: skip


def acronym(conference) -> str:
    """The format's acronym: lower-case letters, digits and underscores, at least four."""
    text = re.sub(r"[^a-z0-9_]", "_", conference.slug.lower())
    return text if len(text) >= 4 else f"{text}____"[:4]


def duration(start: datetime, end: datetime) -> str:
    minutes = int((end - start).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def room_guid(room) -> str:
    return str(uuid.uuid5(ROOM_NAMESPACE, f"{site_domain()}/room/{room.pk}"))


def schedule(conference, sessions, rooms, tracks, *, version: str) -> dict:
    """The whole document as Python data, for json.dumps() and for the XML writer."""
    zone = conference.zone
    session_url = lambda session: absolute_url(  # noqa: E731
        reverse("program:session", kwargs={"slug": conference.slug, "pk": session.pk})
    )
    days = []
    for index in range(conference.day_count):
        day = conference.starts_on + timedelta(days=index)
        day_start = datetime.combine(day, time.min, tzinfo=zone)
        day_end = datetime.combine(day, time(23, 59), tzinfo=zone)
        by_room: dict[str, list] = {room.name: [] for room in rooms}
        for session in sessions:
            if timezone.localtime(session.starts_at, zone).date() != day or session.is_cancelled:
                continue
            by_room.setdefault(session.room.name if session.room else "", []).append(
                event(session, zone, session_url)
            )
        days.append(
            {
                "index": index + 1,
                "date": day.isoformat(),
                "day_start": day_start.isoformat(),
                "day_end": day_end.isoformat(),
                "rooms": {name: events for name, events in by_room.items() if events},
            }
        )
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "Zimmerwald"},
        "schedule": {
            "version": version,
            "base_url": absolute_url("/"),
            "conference": {
                "acronym": acronym(conference),
                "title": conference.title,
                "start": conference.starts_on.isoformat(),
                "end": conference.ends_on.isoformat(),
                "daysCount": conference.day_count,
                "timeslot_duration": "00:15",
                "time_zone_name": conference.timezone,
                "url": absolute_url(conference.get_absolute_url()),
                "tracks": [
                    {
                        "name": track.name,
                        "slug": slugify(track.name) or f"track-{track.pk}",
                        "color": track.colour,
                    }
                    for track in tracks
                ],
                "rooms": [
                    {"name": room.name, "guid": room_guid(room), "capacity": room.capacity} for room in rooms
                ],
                "days": days,
            },
        },
    }


def event(session, zone, session_url) -> dict:
    starts_at = timezone.localtime(session.starts_at, zone)
    ends_at = timezone.localtime(session.ends_at, zone)
    links = (
        [{"type": "media", "url": session.recording_url, "title": "Recording"}]
        if session.recording_url
        else []
    )
    return {
        "guid": str(session.uid),
        "id": session.pk,
        "date": starts_at.isoformat(),
        "start": starts_at.strftime("%H:%M"),
        "end": ends_at.isoformat(),
        "duration": duration(starts_at, ends_at),
        "room": session.room.name if session.room else "",
        "slug": f"{slugify(session.conference.slug)}-{session.pk}",
        "url": session_url(session),
        "title": session.title,
        "subtitle": "",
        "track": session.track.name if session.track else None,
        "type": KIND_TYPES.get(session.kind, "other"),
        "language": session.language or None,
        "abstract": session.abstract,
        "description": "",
        "persons": [{"name": person.name} for person in session.people.all()],
        "links": links,
    }
