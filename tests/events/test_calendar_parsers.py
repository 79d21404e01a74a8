"""The site's calendar files read by parsers nobody here wrote: each must place every session at the
UTC instants the database holds, in zones that change their clocks (Berlin, New York) and one that
does not (Istanbul), for sessions before, across and after a change and in the repeated hour.

ical.js, vobject and icalendar (told not to look the TZID up) read the file's own VTIMEZONE; calcurse
and khal look a TZID up by name in their own zone databases, and so check the local times and the
repeated hour but not the VTIMEZONE."""

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
import vobject

from events.calendar import build_calendar, session_item
from tests.clock_changes import CLOCK_CHANGES, sessions_around_clock_changes, utc_text
from tests.conftest import unavailable

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ICALJS_SCRIPT = ROOT / "tests" / "calendars" / "icaljs_times.mjs"

Times = dict[str, tuple[str, str]]  # UID: (start, end) as ISO 8601 in UTC


def database_times(sessions) -> Times:
    return {
        session_item(session).uid: (utc_text(session.starts_at), utc_text(session.ends_at))
        for session in sessions
    }


def icaljs_events(data: bytes) -> list[dict]:
    """Each VEVENT as ical.js reads it: uid, start and end (UTC), url, conference."""
    node = shutil.which("node")
    if node is None:
        unavailable("node is not installed: ical.js (Thunderbird's parser) cannot read the calendar")
    if not (ROOT / "node_modules" / "ical.js").is_dir():
        unavailable("node_modules/ical.js is missing: run `npm ci` (make test does)")
    result = subprocess.run(
        [node, str(ICALJS_SCRIPT)], input=data, capture_output=True, check=True, cwd=ROOT, timeout=60
    )
    return json.loads(result.stdout)


def icaljs_times(data: bytes) -> Times:
    return {
        event["uid"]: tuple(
            utc_text(datetime.fromisoformat(event[key]).replace(tzinfo=UTC)) for key in ("start", "end")
        )
        for event in icaljs_events(data)
    }


def calcurse_times(data: bytes, directory: Path) -> dict[str, tuple[str, str]]:
    """calcurse's reading, by SUMMARY (its output has no UID); it runs in a zone unlike any of the
    conferences', so that a time read as the machine's own would show."""
    calcurse = shutil.which("calcurse")
    if calcurse is None:
        unavailable("calcurse is not installed (Debian: apt-get install calcurse)")
    source = directory / "calendar.ics"
    source.write_bytes(data)
    result = subprocess.run(
        [calcurse, "-D", str(directory), "-C", str(directory), "-q", "-i", str(source), "--dump-imported",
         "--format-apt", "%(start:epoch) %(end:epoch) %m\\n"],
        capture_output=True, text=True, timeout=60, env={"TZ": "Asia/Tokyo", "HOME": str(directory)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr + result.stdout
    times = {}
    for line in result.stdout.splitlines():
        start, end, summary = line.split(" ", 2)
        times[summary] = tuple(utc_text(datetime.fromtimestamp(int(epoch), UTC)) for epoch in (start, end))
    return times


# khal wants a calendar to exist even to print a file; its local zone is unlike any of the conferences',
# and it prints every time with its UTC offset.
KHAL_CONFIG = """\
[calendars]
[[unused]]
path = {calendar}

[locale]
local_timezone = Asia/Tokyo
default_timezone = Asia/Tokyo
datetimeformat = %Y-%m-%dT%H:%M:%S%z
longdatetimeformat = %Y-%m-%dT%H:%M:%S%z
"""


def khal_times(data: bytes, directory: Path) -> Times:
    """khal's reading of the file (`khal printics`), by UID."""
    khal = shutil.which("khal")
    if khal is None:
        unavailable("khal is not installed (Debian: apt-get install khal)")
    (directory / "unused").mkdir()
    config = directory / "khal.conf"
    config.write_text(KHAL_CONFIG.format(calendar=directory / "unused"))
    source = directory / "calendar.ics"
    source.write_bytes(data)
    result = subprocess.run(
        [khal, "--config", str(config), "printics", "--format", "{uid} {start} {end}", str(source)],
        capture_output=True, text=True, timeout=60, env={"TZ": "Asia/Tokyo", "HOME": str(directory)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr + result.stdout
    header, *lines = result.stdout.splitlines()
    assert header == f"{len(lines)} events found in {source}"
    times = {}
    for line in lines:
        uid, start, end = line.split(" ")
        times[uid] = tuple(utc_text(datetime.fromisoformat(moment)) for moment in (start, end))
    return times


def vobject_times(data: bytes) -> Times:
    calendar = vobject.readOne(data.decode())
    return {
        event.uid.value: (utc_text(event.dtstart.value), utc_text(event.dtend.value))
        for event in calendar.vevent_list
    }


def icalendar_times(data: bytes) -> Times:
    """icalendar, with each local time read through the file's own VTIMEZONE (not its zoneinfo)."""
    calendar = icalendar.Calendar.from_ical(data)
    zones = {str(zone["TZID"]): zone.to_tz(lookup_tzid=False) for zone in calendar.walk("VTIMEZONE")}

    def instant(value) -> str:
        moment = value.dt
        tzid = value.params.get("TZID")
        if tzid:
            moment = moment.replace(tzinfo=None).replace(tzinfo=zones[tzid])
        return utc_text(moment)

    return {
        str(event["UID"]): (instant(event["DTSTART"]), instant(event["DTEND"]))
        for event in calendar.walk("VEVENT")
    }


PARSERS = {"vobject": vobject_times, "icalendar": icalendar_times}


@pytest.mark.parametrize("zone", CLOCK_CHANGES)
@pytest.mark.parametrize("parser", PARSERS)
def test_program_calendar_read_by_python_parsers_gives_the_database_times(zone, parser):
    sessions = sessions_around_clock_changes(zone)

    data = build_calendar([session_item(session) for session in sessions])

    assert PARSERS[parser](data) == database_times(sessions)


@pytest.mark.services
@pytest.mark.parametrize("zone", CLOCK_CHANGES)
def test_program_calendar_read_by_icaljs_gives_the_database_times(zone):
    sessions = sessions_around_clock_changes(zone)

    data = build_calendar([session_item(session) for session in sessions])

    assert icaljs_times(data) == database_times(sessions)


@pytest.mark.services
@pytest.mark.parametrize("zone", CLOCK_CHANGES)
def test_program_calendar_read_by_calcurse_gives_the_database_times(zone, tmp_path):
    sessions = sessions_around_clock_changes(zone)

    data = build_calendar([session_item(session) for session in sessions])

    expected = {
        session.title: (utc_text(session.starts_at), utc_text(session.ends_at)) for session in sessions
    }
    assert calcurse_times(data, tmp_path) == expected


@pytest.mark.services
@pytest.mark.parametrize("zone", CLOCK_CHANGES)
def test_program_calendar_read_by_khal_gives_the_database_times(zone, tmp_path):
    sessions = sessions_around_clock_changes(zone)

    data = build_calendar([session_item(session) for session in sessions])

    assert khal_times(data, tmp_path) == database_times(sessions)
