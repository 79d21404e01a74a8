"""The program's exports and page, as a ratio to a floor measured in the same run.

For N = 100, 500 and 2,000 sessions (`seed_demo --scale N`), the median time of program.ics,
schedule.json, schedule.xml and the program's page of a day (in full and filtered; rendered as after
a change, and from the cache), each against the floor: a bare loop that builds the same N events
with icalendar and serializes them, with no database and no Django.
Also the time of a 304 answer to a calendar that already has the feed.

    python bench/program.py            # SQLite in a temporary file; writes its section of BENCHMARKS.md
"""

import json
import os
import statistics
import sys
import tempfile
import time
import warnings
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 60)
os.environ.setdefault("SITE_URL", "http://testserver")
os.environ["SECURE_SSL_REDIRECT"] = "0"
DATABASE = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ.pop("REDIS_URL", None)
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

import icalendar  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from bench.sections import replace_section  # noqa: E402
from demo import conference as demo  # noqa: E402

settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

SIZES = (100, 500, 2000)
ROUNDS = 5


def median_seconds(action, rounds: int = ROUNDS) -> float:
    action()  # warm caches and template loaders
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def floor(conference) -> float:
    """The same N events, with the same properties, built with icalendar alone from plain values read
    beforehand: what the feed costs without the database, Django and our builder. Its VTIMEZONE is
    therefore icalendar's own (add_missing_timezones: every change from 1970 to 2037), not the feed's
    (events.calendar.timezone_component, bounded to the years used); for Istanbul, the demo's zone, it
    costs some 8 ms more per build, a constant that weighs at 100 sessions and not at 2,000."""
    zone = conference.zone
    rows = [
        (f"session-{s.uid}@testserver", s.sequence, s.title, s.starts_at.astimezone(zone),
         s.ends_at.astimezone(zone), s.room.name, s.abstract,
         f"http://testserver/c/{conference.slug}/sessions/{s.pk}/", s.updated_at, [s.get_kind_display()])
        for s in conference.sessions.select_related("room")
    ]  # fmt: skip

    def build() -> bytes:
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//floor//EN")
        calendar.add("version", "2.0")
        stamp = datetime.now(UTC)
        for uid, sequence, title, starts_at, ends_at, room, abstract, url, modified, categories in rows:
            event = icalendar.Event()
            event.add("uid", uid)
            event.add("sequence", sequence)
            event.add("dtstamp", stamp)
            event.add("dtstart", starts_at)
            event.add("dtend", ends_at)
            event.add("summary", title)
            event.add("status", "CONFIRMED")
            event.add("location", room)
            if abstract:
                event.add("description", abstract)
            event.add("url", url)
            event.add("last-modified", modified)
            event.add("categories", categories)
            calendar.add_component(event)
        calendar.add_missing_timezones()
        return calendar.to_ical()

    return median_seconds(build)


def page_times(client, base: str) -> list[tuple[str, float]]:
    """The program's first day (a third of the sessions), in full and filtered (by a kind every session
    of a scale program has: the same sessions as a list), each rendered afresh as after a change to the
    program (the cache emptied before each request) and read from the cache."""
    found = []
    for label, path in [("program page", "/program/"), ("filtered page", "/program/?kind=plenary")]:
        url = base + path
        assert client.get(url).status_code == 200
        found.append((f"{label}, first after a change", median_seconds(lambda url=url: fresh(client, url))))
        found.append((f"{label}, cached", median_seconds(lambda url=url: client.get(url))))
    return found


def fresh(client, url: str):
    cache.clear()
    return client.get(url)


def main() -> None:
    call_command("migrate", verbosity=0)
    client = Client(HTTP_HOST="testserver")
    rows, not_modified = [], []
    for size in SIZES:
        conference = demo.seed_scale(size)
        base = f"/c/{conference.slug}"
        floor_seconds = floor(conference)
        for label, path in [("program.ics", "/program.ics"), ("schedule.json", "/schedule.json"),
                            ("schedule.xml", "/schedule.xml")]:  # fmt: skip
            seconds = median_seconds(lambda url=base + path: client.get(url))
            rows.append((label, size, seconds * 1000, floor_seconds * 1000, seconds / floor_seconds))
        for label, seconds in page_times(client, base):
            rows.append((label, size, seconds * 1000, floor_seconds * 1000, seconds / floor_seconds))
        etag = client.get(base + "/program.ics")["ETag"]
        cached = median_seconds(
            lambda url=base + "/program.ics", etag=etag: client.get(url, HTTP_IF_NONE_MATCH=etag), rounds=20
        )
        assert client.get(base + "/program.ics", HTTP_IF_NONE_MATCH=etag).status_code == 304
        not_modified.append((size, cached * 1000))
    write_section(rows, not_modified)
    print(json.dumps({f"{label} at {size}": round(ratio, 2) for label, size, _ms, _floor, ratio in rows}))


def write_section(rows, not_modified) -> None:
    lines = [
        "## The program's exports against a bare icalendar loop",
        "",
        "Command: `python bench/program.py` (SQLite, DEBUG=0, in-process test client, median of "
        f"{ROUNDS} requests after one to warm up).",
        f"Run on {date.today().isoformat()}, {os.cpu_count()} cores.",
        "The floor builds the same N events with the same properties with icalendar and serializes them,",
        "from values read beforehand: no database, no Django, no builder of ours. Its VTIMEZONE is",
        "icalendar's own (`add_missing_timezones`, 1970 to 2037), not the feed's (bounded to its years).",
        "",
        "| export | sessions | ms | floor ms | ratio to floor |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(
            f"| {label} | {size} | {ms:.1f} | {floor:.1f} | {ratio:.1f} |"
            for label, size, ms, floor, ratio in rows
        ),
        "",
        "A 304 to a calendar that has the feed (If-None-Match): "
        + ", ".join(f"{ms:.1f} ms at {size}" for size, ms in not_modified)
        + ".",
    ]
    replace_section(ROOT / "BENCHMARKS.md", lines[0], "\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
