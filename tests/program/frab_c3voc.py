"""Reads a frab schedule.json with c3voc-schedule-tools' own loader and prints, as JSON, what the tool
understood of every event: its guid, start and end as UTC instants, room and speakers.

Run with the Python of .venv-frab (`make frab-tools`), never the project's: the tool pins icalendar,
lxml and pytz below the versions Zimmerwald uses. Run by tests/program/test_frab_consumer.py:

    .venv-frab/bin/python tests/program/frab_c3voc.py schedule.json

The tool has no reader for schedule.xml (it writes XML, and reads only JSON: `Schedule.from_file`,
`Schedule.from_url`), so the JSON export is what it is given.

The end is the start plus the duration as the tool passes it on to the c3 hub (`Event.graphql()`:
hours and minutes). `Event.end` in 1.1.0 cannot be used: its `str2timedelta` reads frab's "HH:MM" as
minutes and seconds ("03:00" is three minutes), for every schedule, its own included.
"""

import json
import sys
from datetime import UTC, timedelta

from voc import Event, Schedule


def utc_text(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def reading(event: Event) -> tuple[str, dict]:
    duration = event.graphql()["duration"]
    end = event.start + timedelta(hours=duration["hours"], minutes=duration["minutes"])
    return event["guid"], {
        "start": utc_text(event.start),
        "end": utc_text(end),
        "room": event["room"],
        "speakers": event.persons(),
    }


def main(path: str) -> None:
    schedule = Schedule.from_file(path)
    events = dict(schedule.foreach_event(reading))
    json.dump(events, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
