"""The one calendar builder: every VEVENT and every calendar file of the site comes from here.

Each item keeps a stable UID and a stored SEQUENCE, so that calendars update the entry they
already hold instead of adding a second one. Times are written in the item's own time zone, with a
VTIMEZONE built here from zoneinfo (see timezone_component); a time that is ambiguous in that zone
(the repeated hour when clocks go back) is written in UTC instead.
"""

import calendar as gregorian
import functools
import hashlib
import re
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta

import icalendar
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext

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
    join_url: str = ""  # a personal join page (never a raw meeting link): the RFC 7986 CONFERENCE
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
    conference: Conference, *, url: str = "", join_url: str = "", organizer: tuple[str, str] | None = None,
    attendees: tuple[tuple[str, str], ...] = (),
) -> CalendarItem:  # fmt: skip
    """The conference itself, as whole days in its time zone. Its place is the venue; the online
    meeting link is never written in a calendar file, where a forwarded invitation would hand it on:
    `join_url`, the recipient's own join page, stands for it."""
    zone = conference.zone
    place = " · ".join(part for part in [conference.venue, conference.address.replace("\n", ", ")] if part)
    return CalendarItem(
        uid=f"conference-{conference.uid}@{site_domain()}",
        sequence=conference.sequence,
        summary=conference.title,
        starts_at=datetime.combine(conference.starts_on, time.min, tzinfo=zone),
        ends_at=datetime.combine(conference.ends_on + timedelta(days=1), time.min, tzinfo=zone),
        timezone=conference.timezone,
        location=place,
        description=conference.tagline,
        url=join_url or url or absolute_url(conference.get_absolute_url()),
        join_url=join_url,
        last_modified=conference.updated_at,
        organizer=organizer,
        attendees=attendees,
        all_day=True,
    )


def session_item(
    session, *, url: str = "", join_url: str = "", organizer: tuple[str, str] | None = None,
    attendees: tuple = (),
) -> CalendarItem:  # fmt: skip
    """A session of the program; its room's name is the location (its online link never: see
    conference_item). `join_url` is a personal join page. `attendees` as for meeting_item(): the
    recipient of a mail only."""
    conference = session.conference
    place = session.room.name if session.room else ""
    return CalendarItem(
        uid=f"session-{session.uid}@{site_domain()}",
        sequence=session.sequence,
        summary=session.title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        timezone=conference.timezone,
        location=place,
        description=session.abstract,
        url=join_url or url,
        join_url=join_url,
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


def is_ambiguous(moment: datetime, zone: zoneinfo.ZoneInfo) -> bool:
    """Whether the wall-clock time of `moment` in `zone` happens twice (clocks going back), so that a
    local time with TZID could be read as either instant."""
    local = moment.astimezone(zone)
    return local.replace(fold=0).utcoffset() != local.replace(fold=1).utcoffset()


def writes_local_times(item: CalendarItem) -> bool:
    """Whether the item's DTSTART/DTEND are written as local times of its zone (with TZID): not for
    whole days (DATE values), and not when either end is ambiguous there (UTC keeps both instants
    and the length exact in every parser)."""
    zone = zoneinfo.ZoneInfo(item.timezone)
    return not item.all_day and not (is_ambiguous(item.starts_at, zone) or is_ambiguous(item.ends_at, zone))


def build_event(item: CalendarItem, *, stamp=None) -> icalendar.Event:
    item = with_clean_names(item)
    zone = zoneinfo.ZoneInfo(item.timezone)
    event = icalendar.Event()
    event.add("uid", item.uid)
    event.add("sequence", item.sequence)
    event.add("dtstamp", stamp or timezone.now())
    if item.all_day:
        event.add("dtstart", item.starts_at.astimezone(zone).date())
        event.add("dtend", item.ends_at.astimezone(zone).date())
    elif writes_local_times(item):
        event.add("dtstart", item.starts_at.astimezone(zone))
        event.add("dtend", item.ends_at.astimezone(zone))
    else:
        event.add("dtstart", item.starts_at.astimezone(UTC))
        event.add("dtend", item.ends_at.astimezone(UTC))
    event.add("summary", clean_text(item.summary))
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    if item.location:
        event.add("location", clean_text(item.location))
    if item.description:
        event.add("description", clean_text(item.description))
    if item.url:
        event.add("url", item.url)
    if item.join_url:
        label = {"VALUE": "URI", "FEATURE": ["AUDIO", "VIDEO"], "LABEL": gettext("Your join page")}
        event.add("conference", icalendar.vUri(item.join_url), parameters=label)
    if item.last_modified:
        event.add("last-modified", item.last_modified)
    if item.categories:
        event.add("categories", list(item.categories))
    if item.organizer:
        name, email = item.organizer
        event.add("organizer", f"mailto:{email}", parameters={"CN": name})
    for name, email in item.attendees:
        # No reply is asked for: the organizer is the site's no-reply sender, so a calendar's Accept or
        # Decline would go nowhere. People answer through their personal link, as the mail says.
        parameters = {"CN": name, "ROLE": "REQ-PARTICIPANT", "RSVP": "FALSE"}
        event.add("attendee", f"mailto:{email}", parameters=parameters)
    return event


# VTIMEZONEs. icalendar's add_missing_timezones() lists every clock change from 1970 to 2037 as one
# comma-separated RDATE; ical.js (Thunderbird) and vobject (Radicale) read only part of such a list and
# put sessions an hour off. The builder below writes a yearly RRULE where the zone's changes follow one
# (last Sunday of March, second Sunday of March...), from the year the rule began and open-ended while
# the zone keeps it (vobject caches the first VTIMEZONE per name for the whole process), and otherwise
# one RDATE per line for the years the file needs.


@dataclass(frozen=True)
class ZoneState:
    offset: timedelta
    daylight: bool
    name: str


def zone_state(instant: datetime, zone: zoneinfo.ZoneInfo) -> ZoneState:
    local = instant.astimezone(zone)
    return ZoneState(local.utcoffset(), bool(local.dst()), local.tzname() or "")


@functools.lru_cache(maxsize=64)
def zone_changes(zone: zoneinfo.ZoneInfo, start: datetime, end: datetime) -> tuple[datetime, ...]:
    """The instants (UTC, to the second) in [start, end) at which the zone's offset, daylight flag
    or abbreviation changes. Zones change at most once a day, so a daily walk finds every change."""
    changes = []
    day = timedelta(days=1)
    instant = start
    while instant < end:
        following = min(instant + day, end)
        if zone_state(instant, zone) != zone_state(following, zone):
            before, after = instant, following
            while after - before > timedelta(seconds=1):
                middle = before + (after - before) / 2
                if zone_state(middle, zone) == zone_state(before, zone):
                    before = middle
                else:
                    after = middle
            changes.append(after.replace(microsecond=0))
        instant = following
    return tuple(changes)


RULES_SINCE = 1970  # how far back a yearly rule is carried
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # RFC 5545 BYDAY, in datetime.weekday() order


def yearly_rule(onsets: list[datetime]) -> dict | None:
    """RRULE parts (FREQ, BYMONTH, BYDAY) that give exactly these local onsets, one a year in
    consecutive years, or None when they follow no such rule."""
    first = onsets[0]
    years = [onset.year for onset in onsets]
    if len(onsets) < 2 or years != list(range(first.year, first.year + len(onsets))):
        return None
    if any((o.month, o.weekday(), o.time()) != (first.month, first.weekday(), first.time()) for o in onsets):
        return None
    weekday = WEEKDAYS[first.weekday()]
    if all(o.day + 7 > gregorian.monthrange(o.year, o.month)[1] for o in onsets):
        return {"FREQ": "YEARLY", "BYMONTH": first.month, "BYDAY": f"-1{weekday}"}
    week = (first.day - 1) // 7 + 1
    if all((o.day - 1) // 7 + 1 == week for o in onsets):
        return {"FREQ": "YEARLY", "BYMONTH": first.month, "BYDAY": f"{week}{weekday}"}
    return None


def timezone_component(tzid: str, *, first_year: int, last_year: int) -> icalendar.Timezone:
    """The VTIMEZONE of `tzid` from 1 January of first_year to the end of last_year: an observance
    for the state at the start, then one per kind of change (from, to, name), each with a yearly
    RRULE or with one RDATE per line. A rule starts in the year it began (since 1970) and, when
    zoneinfo still follows it the year after, is left open-ended: readers that keep the first
    VTIMEZONE they saw for a TZID (vobject, for the life of the process) then still read another
    file's times right. RDATEs stay within the covered years."""
    zone = zoneinfo.ZoneInfo(tzid)
    start = datetime(first_year, 1, 1, tzinfo=zone)
    end = datetime(last_year + 1, 1, 1, tzinfo=zone).astimezone(UTC)
    year_after = datetime(last_year + 2, 1, 1, tzinfo=zone).astimezone(UTC)
    component = icalendar.Timezone()
    component.add("tzid", tzid)

    def observance(state: ZoneState, offset_from: timedelta, onsets: list[datetime]):
        kind = icalendar.TimezoneDaylight() if state.daylight else icalendar.TimezoneStandard()
        kind.add("dtstart", onsets[0])
        kind.add("tzoffsetfrom", offset_from)
        kind.add("tzoffsetto", state.offset)
        if state.name:
            kind.add("tzname", state.name)
        return kind

    initial = zone_state(start, zone)
    component.add_component(observance(initial, initial.offset, [start.replace(tzinfo=None)]))
    # Local onsets (in the offset before the change, as RFC 5545 has them) per kind of change, in the
    # covered years and in the year after them.
    onsets, onsets_after = defaultdict(list), defaultdict(list)
    for change in zone_changes(zone, start.astimezone(UTC), year_after):
        before, after = zone_state(change - timedelta(seconds=1), zone), zone_state(change, zone)
        onset = (change + before.offset).replace(tzinfo=None)
        (onsets if change < end else onsets_after)[(after, before.offset)].append(onset)
    # Onsets before the covered years, for carrying a rule back to the year it began.
    onsets_before = defaultdict(list)
    for change in zone_changes(zone, datetime(RULES_SINCE, 1, 1, tzinfo=UTC), start.astimezone(UTC)):
        before, after = zone_state(change - timedelta(seconds=1), zone), zone_state(change, zone)
        onsets_before[(after, before.offset)].append((change + before.offset).replace(tzinfo=None))
    for key, local_onsets in onsets.items():
        rule = yearly_rule(local_onsets)
        while rule and onsets_before[key] and yearly_rule([onsets_before[key][-1], *local_onsets]) == rule:
            local_onsets = [onsets_before[key].pop(), *local_onsets]
        kind = observance(key[0], key[1], local_onsets)
        if rule and yearly_rule(local_onsets + onsets_after[key]) == rule and onsets_after[key]:
            kind.add("rrule", rule)
        elif rule:
            # UNTIL: the end of the covered years, after the last onset and before the next one.
            kind.add("rrule", {**rule, "UNTIL": end})
        else:
            for onset in local_onsets[1:]:
                kind.add("rdate", onset)
        component.add_component(kind)
    return component


def timezone_components(items: list[CalendarItem]) -> list[icalendar.Timezone]:
    """A VTIMEZONE for each zone whose local times the items are written in, covering their years
    and the one before."""
    years = defaultdict(set)
    for item in items:
        if writes_local_times(item):
            zone = zoneinfo.ZoneInfo(item.timezone)
            years[item.timezone].update(
                moment.astimezone(zone).year for moment in (item.starts_at, item.ends_at)
            )
    return [
        timezone_component(tzid, first_year=min(zone_years) - 1, last_year=max(zone_years))
        for tzid, zone_years in sorted(years.items())
    ]


# How often subscribed calendars fetch a feed again: RFC 7986 REFRESH-INTERVAL, Outlook's X-PUBLISHED-TTL.
FEED_REFRESH = "PT1H"


# A VEVENT's bytes are kept in the cache under a digest of everything they are made of (the item, which
# holds its DTSTAMP, and the language of its labels): a feed built again after one session changed
# serializes that one session and joins the others' bytes, and no change can be missed, since a changed
# item has another key.
EVENT_CACHE_SECONDS = 7 * 24 * 3600
END_OF_CALENDAR = b"END:VCALENDAR\r\n"


def event_cache_key(item: CalendarItem) -> str:
    made_of = repr((item, translation.get_language())).encode()
    return "vevent:" + hashlib.blake2b(made_of, digest_size=20).hexdigest()


def serialized_events(items: list[CalendarItem], *, now: datetime) -> list[bytes]:
    """Each item's VEVENT for a file without METHOD, as icalendar writes it: its DTSTAMP is its last
    change, so its bytes are taken from the cache where they were written before. An item that does
    not know its last change is stamped `now` and not kept."""
    keys = [event_cache_key(item) if item.last_modified else None for item in items]
    kept = cache.get_many([key for key in keys if key])
    fresh = {}
    events = []
    for key, item in zip(keys, items, strict=True):
        serialized = kept.get(key) if key else None
        if serialized is None:
            serialized = build_event(item, stamp=item.last_modified or now).to_ical()
            if key:
                fresh[key] = serialized
        events.append(serialized)
    if fresh:
        cache.set_many(fresh, EVENT_CACHE_SECONDS)
    return events


def build_calendar(
    items: Iterable[CalendarItem], *, name: str = "", method: str = "", feed: bool = False
) -> bytes:
    """An RFC 5545 calendar of the items; METHOD (RFC 5546) only for calendar mail; `feed` for a
    subscription that calendars poll.

    DTSTAMP is when the message was made in a calendar mail (METHOD), and in a file without METHOD
    the time of the item's last change (RFC 5545, 3.8.7.2): there the same item always gives the same
    bytes, which the cache keeps (serialized_events)."""
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
    items = list(items)
    for component in timezone_components(items):
        calendar.add_component(component)
    now = timezone.now()
    if method:
        for item in items:
            calendar.add_component(build_event(item, stamp=now))
        return calendar.to_ical()
    # icalendar writes a calendar as its own lines, then each component's: the VEVENTs go before the end.
    head = calendar.to_ical().removesuffix(END_OF_CALENDAR)
    return head + b"".join(serialized_events(items, now=now)) + END_OF_CALENDAR


def calendar_response(
    items: Iterable[CalendarItem], *, filename: str, name: str = "", feed: bool = False
) -> HttpResponse:
    response = HttpResponse(
        build_calendar(items, name=name, feed=feed), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
