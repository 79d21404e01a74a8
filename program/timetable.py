"""The public timetable: which day a visitor sees, that day laid out as a grid (rooms across, five-minute
rows down), and the rendered day kept in the cache for as long as the program's version stays the same."""

import hashlib
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta
from math import ceil
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext

from common.languages import named
from common.site_urls import path_builder
from program import selectors
from program.enums import SessionKind

SLOT = timedelta(minutes=5)  # one row of the grid
SLOTS_PER_LABEL = 6  # a time down the side each half hour
FRAGMENT_SECONDS = 600  # also bounds how long markup of an earlier release can be served after a deploy
FRAGMENT_TEMPLATE = "program/partials/program_day.html"
FILTER_LENGTH = 100


@dataclass(frozen=True)
class Filters:
    """What the program's filter form asks for; "" is any."""

    track: str = ""
    kind: str = ""
    language: str = ""

    @classmethod
    def from_query(cls, query) -> "Filters":
        return cls(**{field.name: query.get(field.name, "")[:FILTER_LENGTH] for field in fields(cls)})

    def __bool__(self) -> bool:
        return any(self.as_dict().values())

    def as_dict(self) -> dict[str, str]:
        return {field.name: getattr(self, field.name) for field in fields(self)}

    def query_string(self) -> str:
        """ "?track=...", or "" when nothing is filtered: for the links between days."""
        given = {name: value for name, value in self.as_dict().items() if value}
        return f"?{urlencode(given)}" if given else ""


def conference_days(conference) -> list[date]:
    return [conference.starts_on + timedelta(days=number) for number in range(max(conference.day_count, 1))]


def day_shown(conference, asked: str | None, *, today: date) -> date:
    """The day a visitor asked for (yyyy-mm-dd, one of the conference's days, else 404); without one,
    today while the conference is on, else its first day."""
    days = conference_days(conference)
    if asked is None:
        return today if today in days else days[0]
    try:
        day = date.fromisoformat(asked)
    except ValueError:
        raise Http404 from None
    if day.isoformat() != asked or day not in days:  # fromisoformat also takes 20260101 and 2026-W01-1
        raise Http404
    return day


@dataclass(frozen=True)
class RoomColumn:
    """A room's header over its columns of the grid (more than one where its sessions overlap)."""

    name: str
    grid_column: str


@dataclass(frozen=True)
class TimeLabel:
    at: datetime
    text: str
    grid_row: str


@dataclass(frozen=True)
class DayGrid:
    columns: list[RoomColumn]
    labels: list[TimeLabel]
    lanes: int
    slots: int


def shown_time(moment: datetime, zone) -> str:
    return formats.time_format(moment.astimezone(zone), "TIME_FORMAT")


def lay_out_day(sessions, *, zone, other_rooms: str) -> DayGrid | None:
    """Place the day's sessions (in reading order) on a grid: a row per five minutes from the hour of
    the first start, a column per room. Each session gets its `grid_area` in the grid of sessions:
    parallel sessions start on the same row, a longer one spans more rows. Sessions that overlap in one
    room get columns side by side under its header; one without a room spans every column, unless it
    overlaps another, then it goes into a last column named `other_rooms`."""
    if not sessions:
        return None
    start = min(session.starts_at for session in sessions).astimezone(zone)
    start = start.replace(minute=0, second=0, microsecond=0).astimezone(UTC)  # real minutes from here on

    def row(moment: datetime) -> int:
        return round((moment - start) / SLOT)

    spans = {}
    for session in sessions:
        first = row(session.starts_at)
        spans[session.pk] = (first, max(first + 1, row(session.ends_at)))
    slots = ceil(max(last for _first, last in spans.values()) / SLOTS_PER_LABEL) * SLOTS_PER_LABEL

    def overlaps_another(session) -> bool:
        first, last = spans[session.pk]
        return any(
            other.pk != session.pk and spans[other.pk][0] < last and spans[other.pk][1] > first
            for other in sessions
        )

    # Where None (no room) holds the sessions without a room that overlap another.
    lane_ends: dict[int | None, list[int]] = {}
    lane_of = {}
    spanning = set()
    for session in sessions:
        if session.room_id is None and not overlaps_another(session):
            spanning.add(session.pk)
            continue
        first, last = spans[session.pk]
        ends = lane_ends.setdefault(session.room_id, [])
        free = next((lane for lane, end in enumerate(ends) if end <= first), len(ends))
        if free == len(ends):
            ends.append(last)
        ends[free] = last
        lane_of[session.pk] = free

    rooms = sorted(
        {session.room_id: session.room for session in sessions if session.room_id is not None}.values(),
        key=lambda room: (room.position, str(room.name), room.pk),
    )
    columns, first_line_of = [], {}
    line = 1
    for key, name in [*((room.pk, room.name) for room in rooms), (None, other_rooms)]:
        if key not in lane_ends:
            continue
        first_line_of[key] = line
        # The headers' grid has the column of times first, and their row first: one line more.
        columns.append(RoomColumn(name=name, grid_column=f"{line + 1} / {line + 1 + len(lane_ends[key])}"))
        line += len(lane_ends[key])

    for session in sessions:
        first, last = spans[session.pk]
        if session.pk in spanning:
            session.grid_area = f"{first + 1} / 1 / {last + 1} / -1"
        else:
            column = first_line_of[session.room_id] + lane_of[session.pk]
            session.grid_area = f"{first + 1} / {column} / {last + 1} / {column + 1}"
    labels = [
        TimeLabel(
            at=start + slot * SLOT,
            text=shown_time(start + slot * SLOT, zone),
            grid_row=f"{slot + 2} / span {SLOTS_PER_LABEL}",
        )
        for slot in range(0, slots, SLOTS_PER_LABEL)
    ]
    return DayGrid(columns=columns, labels=labels, lanes=max(line - 1, 1), slots=slots)


def day_context(conference, day: date, filters: Filters) -> dict:
    """What the day's part of the program page shows: nothing in it depends on who looks."""
    zone = conference.zone
    sessions = selectors.program_sessions(conference, day=day, **filters.as_dict())
    # Formatted once per value rather than per session: a day of a big program has hundreds.
    url_of = path_builder("program:session-detail", vary="pk", slug=conference.slug)
    kind_names = {kind: str(name) for kind, name in SessionKind.choices}
    times = {}
    for session in sessions:
        for moment in (session.starts_at, session.ends_at):
            if moment not in times:
                times[moment] = shown_time(moment, zone)
        session.url = url_of(session.pk)
        session.kind_name = kind_names.get(session.kind, session.kind)
        session.shown_times = f"{times[session.starts_at]}\N{EN DASH}{times[session.ends_at]}"
        names = ((person.name,) for person in session.people.all())
        session.speakers = format_html_join(", ", "<bdi>{}</bdi>", names)
    counts = selectors.sessions_per_day(conference, **filters.as_dict()) if filters else {}
    day_url = path_builder("program:program-day", vary="day", slug=conference.slug)
    query = filters.query_string()
    days = [
        {"day": each, "url": day_url(each.isoformat()) + query, "count": counts.get(each, 0)}
        for each in conference_days(conference)
    ]
    other_rooms = capfirst(gettext("no room"))  # the editor's word for a session without a room
    return {
        "conference": conference,
        "day": day,
        "days": days,
        "filters": filters,
        "sessions": sessions,
        "grid": None if filters else lay_out_day(sessions, zone=zone, other_rooms=other_rooms),
        "tracks": conference.tracks.all(),
        "languages": named(selectors.session_languages(conference)),
        "kinds": SessionKind.choices,
        "unfiltered_url": day_url(day.isoformat()),
    }


def day_fragment(conference, day: date, filters: Filters) -> SafeString:
    """The day's part of the program page, rendered once for each version of the program (the exports'
    ETag: any change to a session, room, track, person or the conference moves it), day, language and
    filters, then read from the cache."""
    version = selectors.feed_version(conference)[0].strip('"')
    asked = hashlib.sha256(repr(sorted(filters.as_dict().items())).encode()).hexdigest()[:16]
    key = f"program-day:{version}:{translation.get_language()}:{day}:{asked}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(FRAGMENT_TEMPLATE, day_context(conference, day, filters))
        cache.set(key, str(html), FRAGMENT_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output, as rendered
