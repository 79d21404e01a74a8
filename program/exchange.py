"""The program in the frab/c3voc schedule exchange format, which conference companion apps read.

One structure serves schedule.json and schedule.xml; the tests validate both against the
format's own JSON Schema and XML Schema (../shared/standards/schedule/).
"""

import re
import uuid
from datetime import UTC, datetime, time, timedelta

from django.utils import timezone
from django.utils.text import slugify
from lxml import etree

from common.site_urls import absolute_url, absolute_url_builder, site_domain
from events.calendar import clean_text

VERSION_PREFIX = "zimmerwald"
GUID_NAMESPACE = uuid.UUID(
    "6f1c3a1e-8d0e-4f6a-9a55-0d1b2c3d4e5f"
)  # rooms and people: stable UUIDs from their key
KIND_TYPES = {"plenary": "talk", "panel": "discussion", "workshop": "workshop", "working_group": "workshop",
              "meeting": "meeting", "break": "other"}  # fmt: skip


def acronym(conference) -> str:
    """The format's acronym: lower-case letters, digits and underscores, at least four."""
    text = re.sub(r"[^a-z0-9_]", "_", conference.slug.lower())
    return text if len(text) >= 4 else f"{text}____"[:4]


def duration(start: datetime, end: datetime) -> str:
    """HH:MM between two instants. Aware datetimes of one zone subtract as wall-clock times in Python,
    which across a clock change is an hour off: the instants are compared in UTC."""
    minutes = int((end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def person_entry(person) -> dict:
    """A speaker or chair as frab's consumers read them (c3voc's tools need `id`, pyfahrplan shows
    `public_name`): the row's key, and a stable UUID made from the site and that key, never from the
    person's address (a UUID of an address would let anyone confirm a guessed address)."""
    return {
        "id": person.pk,
        "guid": str(uuid.uuid5(GUID_NAMESPACE, f"{site_domain()}/session-person/{person.pk}")),
        "public_name": person.name,
    }


def track_slug(track) -> str:
    """Lower-case letters, digits and hyphens, starting with a letter, as both schemas want."""
    slug = slugify(track.name)
    return slug if re.fullmatch(r"[a-z][a-z0-9-]*[a-z0-9]", slug) else f"track-{track.pk}"


def room_guid(room) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, f"{site_domain()}/room/{room.pk}"))


def schedule(conference, sessions, rooms, tracks, *, version: str) -> dict:
    """The whole document as Python data, for json.dumps() and for the XML writer."""
    zone = conference.zone
    url_of = absolute_url_builder("program:session-detail", vary="pk", slug=conference.slug)
    session_url = lambda session: url_of(session.pk)  # noqa: E731
    material_url = absolute_url_builder("program:material-download", vary="pk", slug=conference.slug)
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
                event(session, zone, session_url, material_url)
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
                        "slug": track_slug(track),
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


def event(session, zone, session_url, material_url) -> dict:
    starts_at = timezone.localtime(session.starts_at, zone)
    ends_at = timezone.localtime(session.ends_at, zone)
    links = (
        [{"type": "media", "url": session.recording_url, "title": "Recording"}]
        if session.recording_url
        else []
    )
    attachments = []
    for material in session.materials.all():
        if material.url:
            links.append({"type": "web", "url": material.url, "title": material.title})
        else:
            attachments.append({"type": "paper", "url": material_url(material.pk), "title": material.title})
    return {
        "guid": str(session.uid),
        "id": session.pk,
        "date": starts_at.isoformat(),
        "start": starts_at.strftime("%H:%M"),
        "end": ends_at.isoformat(),
        "duration": duration(starts_at, ends_at),
        "room": session.room.name if session.room else "",
        "slug": f"{acronym(session.conference)}-session-{session.pk}",
        "url": session_url(session),
        "title": session.title,
        "subtitle": "",
        "track": session.track.name if session.track else None,
        "type": KIND_TYPES.get(session.kind, "other"),
        "language": session.language or None,
        "abstract": session.abstract,
        "description": "",
        "logo": "",
        "persons": [person_entry(person) for person in session.people.all()],
        "links": links,
        "attachments": attachments,
    }


def to_xml(data: dict) -> bytes:
    """The same document as frab's schedule.xml."""
    schedule_data, conference_data = data["schedule"], data["schedule"]["conference"]
    root = etree.Element("schedule")
    etree.SubElement(root, "generator", name="Zimmerwald")
    etree.SubElement(root, "version").text = schedule_data["version"]
    conference = etree.SubElement(root, "conference")
    for name in ("title", "acronym", "start", "end"):
        etree.SubElement(conference, name).text = clean_text(str(conference_data[name]))
    etree.SubElement(conference, "days").text = str(conference_data["daysCount"])
    etree.SubElement(conference, "timeslot_duration").text = conference_data["timeslot_duration"]
    etree.SubElement(conference, "base_url").text = schedule_data["base_url"]
    etree.SubElement(conference, "url").text = conference_data["url"]
    etree.SubElement(conference, "time_zone_name").text = conference_data["time_zone_name"]
    for track in conference_data["tracks"]:
        attributes = {"name": clean_text(track["name"]), "color": track["color"], "slug": track["slug"]}
        etree.SubElement(conference, "track", attributes)
    guids = {room["name"]: room["guid"] for room in conference_data["rooms"]}
    for day in conference_data["days"]:
        day_element = etree.SubElement(
            root, "day", index=str(day["index"]), date=day["date"], start=day["day_start"], end=day["day_end"]
        )
        for room_name, events in day["rooms"].items():
            attributes = {"name": clean_text(room_name)}
            if room_name in guids:
                attributes["guid"] = guids[room_name]
            room = etree.SubElement(day_element, "room", attributes)
            for item in events:
                room.append(_event_element(item))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _event_element(item: dict):
    element = etree.Element("event", id=str(item["id"]), guid=item["guid"])
    texts = {
        "date": item["date"], "start": item["start"], "duration": item["duration"], "room": item["room"],
        "slug": item["slug"], "url": item["url"], "title": item["title"], "subtitle": "",
        "track": item["track"] or "", "type": item["type"], "language": item["language"] or "",
        "abstract": item["abstract"] or "", "description": item["description"] or "",
    }  # fmt: skip
    for name, text in texts.items():
        etree.SubElement(element, name).text = clean_text(text)
    persons = etree.SubElement(element, "persons")
    for person in item["persons"]:
        attributes = {"id": str(person["id"]), "guid": person["guid"]}
        etree.SubElement(persons, "person", attributes).text = clean_text(person["public_name"])
    links = etree.SubElement(element, "links")
    for link in item["links"]:
        etree.SubElement(links, "link", href=link["url"]).text = clean_text(link.get("title", ""))
    attachments = etree.SubElement(element, "attachments")
    for attachment in item["attachments"]:
        attributes = {"href": attachment["url"], "type": attachment["type"]}
        etree.SubElement(attachments, "attachment", attributes).text = clean_text(attachment["title"])
    return element
