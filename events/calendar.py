"""The one calendar builder: every VEVENT and every calendar file of the site comes from here.

Each item keeps a stable UID and a stored SEQUENCE, so that calendars update the entry they
already hold instead of adding a second one. Times are written in the item's own time zone,
with its VTIMEZONE taken from zoneinfo.
"""

import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta

import icalendar
from django.http import HttpResponse
from django.utils import timezone

from common.site_urls import absolute_url, site_domain
from events.enums import MeetingStatus
from events.models import Conference, PreparatoryMeeting

PRODUCT_ID = "-//Zimmerwald//Conference management//EN"


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    sequence: int
    summary: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False
    last_modified: datetime | None = None
    organizer: tuple[str, str] | None = None  # (name, email)
    attendees: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    all_day: bool = False  # whole days: starts_at's date to the day before ends_at's, in timezone
    categories: tuple[str, ...] = ()


def meeting_item(
    meeting: PreparatoryMeeting, *, url: str = "", organizer: tuple[str, str] | None = None,
    attendees: tuple[tuple[str, str], ...] = (),
) -> CalendarItem:  # fmt: skip
    """A preparatory meeting. `attendees` are the ones this copy shows: the recipient of a mail only,
    so that no participant learns another's address."""
    conference = meeting.conference
    place = " · ".join(part for part in [meeting.place, meeting.online_link] if part)
    return CalendarItem(
        uid=f"meeting-{meeting.uid}@{site_domain()}",
        sequence=meeting.sequence,
        # The conference's title can change without the meeting's SEQUENCE growing; keep it out of SUMMARY.
        summary=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        timezone=conference.timezone,
        location=place,
        description="\n\n".join(part for part in [conference.title, meeting.agenda] if part),
        url=url,
        cancelled=meeting.status == MeetingStatus.CANCELLED,
        last_modified=meeting.updated_at,
        organizer=organizer,
        attendees=attendees,
    )


def conference_item(
    conference: Conference, *, url: str = "", organizer: tuple[str, str] | None = None,
    attendees: tuple[tuple[str, str], ...] = (),
) -> CalendarItem:  # fmt: skip
    """The conference itself, as whole days in its time zone."""
    zone = conference.zone
    place = " · ".join(part for part in [conference.venue, conference.address.replace("\n", ", ")] if part)
    return CalendarItem(
        uid=f"conference-{conference.uid}@{site_domain()}",
        sequence=conference.sequence,
        summary=conference.title,
        starts_at=datetime.combine(conference.starts_on, time.min, tzinfo=zone),
        ends_at=datetime.combine(conference.ends_on + timedelta(days=1), time.min, tzinfo=zone),
        timezone=conference.timezone,
        location=place or conference.online_link,
        description=conference.tagline,
        url=url or absolute_url(conference.get_absolute_url()),
        last_modified=conference.updated_at,
        organizer=organizer,
        attendees=attendees,
        all_day=True,
    )


def session_item(
    session, *, url: str = "", organizer: tuple[str, str] | None = None, attendees: tuple = ()
) -> CalendarItem:
    """A session of the program; its room (and online link) is the location. `attendees` as for
    meeting_item(): the recipient of a mail only."""
    conference = session.conference
    room = session.room
    place = " · ".join(part for part in [room.name if room else "", room.online_link if room else ""] if part)
    return CalendarItem(
        uid=f"session-{session.uid}@{site_domain()}",
        sequence=session.sequence,
        summary=session.title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        timezone=conference.timezone,
        location=place,
        description=session.abstract,
        url=url,
        cancelled=session.is_cancelled,
        last_modified=session.updated_at,
        categories=tuple(
            str(part)
            for part in [session.get_kind_display(), session.track.name if session.track else ""]
            if part
        ),
        organizer=organizer,
        attendees=attendees,
    )


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Text a calendar (or XML) may hold: control characters other than tab and line breaks removed."""
    return CONTROL_CHARACTERS.sub("", text)


LINE_BREAKS_AND_TABS = re.compile(r"[\t\r\n]+")


def clean_line(text: str) -> str:
    """Text for a value that must stay on one line (NAME, a CN parameter): breaks and tabs become
    spaces, other control characters go. Stored data may hold them even though the forms refuse them."""
    return LINE_BREAKS_AND_TABS.sub(" ", clean_text(text)).strip()


def with_clean_names(item: CalendarItem) -> CalendarItem:
    """The item with its people's names fit for a CN parameter, which cannot hold a line break."""
    organizer = (clean_line(item.organizer[0]), item.organizer[1]) if item.organizer else None
    attendees = tuple((clean_line(name), email) for name, email in item.attendees)
    return replace(item, organizer=organizer, attendees=attendees)


def build_event(item: CalendarItem, *, rsvp: bool = False, stamp=None) -> icalendar.Event:
    item = with_clean_names(item)
    zone = zoneinfo.ZoneInfo(item.timezone)
    event = icalendar.Event()
    event.add("uid", item.uid)
    event.add("sequence", item.sequence)
    event.add("dtstamp", stamp or timezone.now())
    if item.all_day:
        event.add("dtstart", item.starts_at.astimezone(zone).date())
        event.add("dtend", item.ends_at.astimezone(zone).date())
    else:
        event.add("dtstart", item.starts_at.astimezone(zone))
        event.add("dtend", item.ends_at.astimezone(zone))
    event.add("summary", clean_text(item.summary))
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    if item.location:
        event.add("location", clean_text(item.location))
    if item.description:
        event.add("description", clean_text(item.description))
    if item.url:
        event.add("url", item.url)
    if item.last_modified:
        event.add("last-modified", item.last_modified)
    if item.categories:
        event.add("categories", list(item.categories))
    if item.organizer:
        name, email = item.organizer
        event.add("organizer", f"mailto:{email}", parameters={"CN": name})
    for name, email in item.attendees:
        parameters = {"CN": name, "ROLE": "REQ-PARTICIPANT"}
        if rsvp:
            parameters.update(RSVP="TRUE", PARTSTAT="NEEDS-ACTION")
        event.add("attendee", f"mailto:{email}", parameters=parameters)
    return event


# How often subscribed calendars fetch a feed again: RFC 7986 REFRESH-INTERVAL, Outlook's X-PUBLISHED-TTL.
FEED_REFRESH = "PT1H"


def build_calendar(
    items: Iterable[CalendarItem], *, name: str = "", method: str = "", feed: bool = False
) -> bytes:
    """An RFC 5545 calendar of the items; METHOD (RFC 5546) only for calendar mail; `feed` for a
    subscription that calendars poll."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    name = clean_line(name)
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    if feed:
        calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", FEED_REFRESH)
    stamp = timezone.now()
    for item in items:
        calendar.add_component(build_event(item, rsvp=method == "REQUEST", stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_response(
    items: Iterable[CalendarItem], *, filename: str, name: str = "", feed: bool = False
) -> HttpResponse:
    response = HttpResponse(
        build_calendar(items, name=name, feed=feed), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
