"""Imports a frab schedule.xml into pretalx with pretalx-downstream's importer, the one pretalx runs to
follow another system's schedule, and prints, as JSON, the talk slots pretalx then holds: by the
upstream event id, start and end as UTC instants, room and speakers.

Run with the Python of .venv-frab (`make frab-tools`), never the project's: pretalx is a Django
project of its own. Run by tests/program/test_exchange_consumers.py:

    .venv-frab/bin/python tests/program/frab_pretalx.py schedule.xml

Each run makes pretalx's data directory in the working directory (./pretalx, which must not exist),
starting from the database that `make frab-tools` migrated into .venv-frab/pretalx/ (migrating anew
costs some ten seconds).
"""

import contextlib
import json
import os
import shutil
import sys
from datetime import UTC, date
from pathlib import Path

TEMPLATE = Path(sys.prefix) / "pretalx" / "db.sqlite3"
DATA = Path.cwd() / "pretalx"
DATA.mkdir()
shutil.copyfile(TEMPLATE, DATA / "db.sqlite3")
os.environ["PRETALX_DATA_DIR"] = str(DATA)
os.environ["DJANGO_SETTINGS_MODULE"] = "pretalx.settings"

import django  # noqa: E402

with contextlib.redirect_stdout(sys.stderr):  # pretalx's settings greet on standard output
    django.setup()

import defusedxml.ElementTree  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402
from pretalx.event.models import Event, Organiser  # noqa: E402
from pretalx_downstream.tasks import process_frab  # noqa: E402


def utc_text(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def imported_event(conference) -> Event:
    """The pretalx event the schedule is imported into, as an organizer would set it up."""
    with scopes_disabled():
        organiser = Organiser.objects.create(name="Zimmerwald", slug="zimmerwald")
        return Event.objects.create(
            name=conference.find("title").text,
            slug="imported",
            organiser=organiser,
            date_from=date.fromisoformat(conference.find("start").text),
            date_to=date.fromisoformat(conference.find("end").text),
            timezone=conference.find("time_zone_name").text,
            email="orga@example.org",
        )


def main(path: str) -> None:
    # As pretalx-downstream's task does with the file it fetched.
    root = defusedxml.ElementTree.fromstring(Path(path).read_text(encoding="utf-8"))
    event = imported_event(root.find("conference"))
    with scope(event=event):
        process_frab(root, event, release_new_version=False)
        slots = event.wip_schedule.talks.select_related("submission", "room")
        talks = {
            slot.submission.code: {
                "start": utc_text(slot.start),
                "end": utc_text(slot.end),
                "room": str(slot.room.name),
                # In the order the importer added them, which is the file's.
                "speakers": [role.user.name for role in slot.submission.speaker_roles.order_by("pk")],
            }
            for slot in slots
        }
    json.dump(talks, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
