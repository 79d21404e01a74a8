"""The program's exports and page, as a ratio to a floor measured in the same run.

For N = 100, 500 and 2,000 sessions (`seed_demo --scale N`), the median time of program.ics,
schedule.json, schedule.xml and the program's page of a day (in full and filtered; rendered as after
a change, and from the cache), each against the floor: a bare loop that builds the same N events
with icalendar and serializes them, with no database and no Django.
program.ics is timed on the first request after a session changed (its VEVENT is the only one
serialized again) and, for comparison, with no VEVENT kept yet. Also the time of a 304 answer
to a calendar that already has the feed. The last line printed is one JSON object.

    python bench/program.py [--sizes 100 500 2000] [--no-record]   # SQLite in a temporary file
"""

import argparse
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
        found.append((label, median_seconds(lambda url=url: fresh(client, url))))
        found.append((f"{label}, cached", median_seconds(lambda url=url: client.get(url))))
    return found


def fresh(client, url: str):
    cache.clear()
    return client.get(url)


def after_a_change(conference, path: str, client: Client) -> float:
    """The median time of the feed's first request after one session changed (a new title each round,
    saved as the organizers' form saves it), with the other sessions' VEVENTs kept from before."""
    sessions = list(conference.sessions.order_by("pk")[: ROUNDS + 1])
    client.get(path)
    times = []
    for round_number, session in enumerate(sessions):
        session.title = f"{session.title} (changed {round_number})"
        session.save()
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
        assert f"(changed {round_number})".encode() in response.content
        if round_number:  # the first one warms the templates and URL resolvers
            times.append(elapsed)
    return statistics.median(times)


def without_kept_events(path: str, client: Client) -> float:
    def build() -> None:
        cache.clear()
        client.get(path)

    return median_seconds(build)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--no-record", action="store_true", help="print only; leave BENCHMARKS.md alone")
    arguments = parser.parse_args()
    call_command("migrate", verbosity=0)
    client = Client(HTTP_HOST="testserver")
    rows, not_modified = [], []
    for size in arguments.sizes:
        conference = demo.seed_scale(size)
        base = f"/c/{conference.slug}"
        floor_seconds = floor(conference)

        def row(label: str, seconds: float, size: int = size, floor_seconds: float = floor_seconds) -> None:
            rows.append((label, size, seconds * 1000, floor_seconds * 1000, seconds / floor_seconds))

        row("program.ics", after_a_change(conference, base + "/program.ics", client))
        row("program.ics, nothing kept", without_kept_events(base + "/program.ics", client))
        for label, path in [("schedule.json", "/schedule.json"), ("schedule.xml", "/schedule.xml")]:
            row(label, median_seconds(lambda url=base + path: client.get(url)))
        for label, seconds in page_times(client, base):
            row(label, seconds)
        etag = client.get(base + "/program.ics")["ETag"]
        cached = median_seconds(
            lambda url=base + "/program.ics", etag=etag: client.get(url, HTTP_IF_NONE_MATCH=etag), rounds=20
        )
        assert client.get(base + "/program.ics", HTTP_IF_NONE_MATCH=etag).status_code == 304
        not_modified.append((size, cached * 1000))
    if not arguments.no_record:
        write_section(rows, not_modified, arguments.sizes)
    ratios = {}
    for label, size, _ms, _floor, ratio in rows:
        ratios.setdefault(label, {})[str(size)] = round(ratio, 2)
    print(json.dumps({
        "ratios": ratios,
        "floor_ms": {str(size): round(floor, 1) for _label, size, _ms, floor, _ratio in rows},
        "not_modified_ms": {str(size): round(ms, 2) for size, ms in not_modified},
    }))  # fmt: skip


def write_section(rows, not_modified, sizes) -> None:
    command = "python bench/program.py" + (
        "" if list(sizes) == list(SIZES) else " --sizes " + " ".join(map(str, sizes))
    )
    lines = [
        "## The program's exports against a bare icalendar loop",
        "",
        f"Command: `{command}` (SQLite, DEBUG=0, in-process test client, local-memory cache, median of "
        f"{ROUNDS} requests after one to warm up).",
        "program.ics is timed on the first request after one session changed (saved with a new title",
        "before each request): the feed serializes that session's VEVENT and takes the others' bytes from",
        "the cache.",
        '"program.ics, nothing kept" empties the cache before each request: every VEVENT serialized.',
        '"program page" is the first day\'s page (a third of the sessions) rendered afresh, as after a',
        'change (the cache emptied before each request); "filtered page" the same day filtered by a kind',
        '(`?kind=plenary`, every session of a scale program); ", cached" from the cached day.',
        f"Run on {date.today().isoformat()}, {os.cpu_count()} cores.",
        "The floor builds the same N events with the same properties with icalendar and serializes them,",
        "from values read beforehand: no database, no Django, no builder of ours. Its VTIMEZONE is",
        "icalendar's own (`add_missing_timezones`, 1970 to 2037), not the feed's (bounded to its years).",
        "",
        "| export | sessions | ms | floor ms | ratio to floor |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(
            f"| {label} | {size} | {ms:.1f} | {floor:.1f} | {ratio:.2f} |"
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
