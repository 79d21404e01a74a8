"""The frab schedules read by consumers nobody here wrote, on conferences whose sessions sit around the
clock changes of zones that have them and one that does not: each must find every session at the UTC
instants the database holds, in its room, with its speakers.

- schedule.xml, imported into pretalx by pretalx-downstream (the importer pretalx runs to follow
  another system's schedule);
- schedule.json, loaded by c3voc-schedule-tools (the c3voc's schedule library), which has no reader
  for schedule.xml.

Both pin versions that conflict with Zimmerwald's, so they live in a virtual environment of their own,
.venv-frab, which `make frab-tools` builds (and `make test` asks for); the scripts beside this file
(frab_pretalx.py, frab_c3voc.py) run inside it."""

# ruff: noqa: RUF001 - the Turkish dotless i and the dash in the names are meant

import json
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.clock_changes import CLOCK_CHANGES, sessions_around_clock_changes, utc_text
from tests.conftest import unavailable
from tests.factories import SessionPersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.services]

ROOT = Path(__file__).resolve().parents[2]
FRAB_VENV = ROOT / ".venv-frab"
HERE = Path(__file__).resolve().parent

# Speakers of the eight sessions, in the order the session lists them; names outside ASCII.
SPEAKERS = [
    ["Ayşe Yılmaz"],
    ["Նունե Սարգսյան", "Δημήτρης Παπαδόπουλος"],
    [],
    ["Rosa Ortiz"],
    ["مریم احمدی", "Ana Lima", "Jean Dupont"],
    ["Ayşe Yılmaz"],
    [],
    ["Kawa Şêxo"],
]


def program_with_speakers(zone: str) -> list:
    sessions = sessions_around_clock_changes(zone)
    for session, names in zip(sessions, SPEAKERS, strict=True):
        for position, name in enumerate(names):
            SessionPersonFactory(session=session, name=name, position=position)
    room = sessions[1].room
    room.name = "Büyük Salon – Մեծ դահլիճ"
    room.save()
    return sessions


def database_sessions(sessions, key) -> dict:
    return {
        key(session): {
            "start": utc_text(session.starts_at),
            "end": utc_text(session.ends_at),
            "room": session.room.name,
            "speakers": [person.name for person in session.people.all()],
        }
        for session in sessions
    }


def consumer_reading(script: str, schedule: bytes, name: str, directory: Path) -> dict:
    """What the script, run by .venv-frab's Python, printed of the schedule it was given."""
    if not (FRAB_VENV / ".installed").exists():
        unavailable(".venv-frab is missing: run `make frab-tools` (make test does) for the frab consumers")
    source = directory / name
    source.write_bytes(schedule)
    python = FRAB_VENV / "bin" / "python"
    result = subprocess.run(
        [str(python), str(HERE / script), str(source)], capture_output=True, cwd=directory, timeout=120
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


@pytest.mark.parametrize("zone", CLOCK_CHANGES)
def test_schedule_xml_imported_by_pretalx_gives_the_database_sessions(client, zone, tmp_path):
    sessions = program_with_speakers(zone)
    slug = sessions[0].conference.slug

    response = client.get(reverse("program:schedule-xml", kwargs={"slug": slug}))

    talks = consumer_reading("frab_pretalx.py", response.content, "schedule.xml", tmp_path)
    assert talks == database_sessions(sessions, key=lambda session: str(session.pk))


@pytest.mark.parametrize("zone", CLOCK_CHANGES)
def test_schedule_json_read_by_c3voc_schedule_tools_gives_the_database_sessions(client, zone, tmp_path):
    sessions = program_with_speakers(zone)
    slug = sessions[0].conference.slug

    response = client.get(reverse("program:schedule-json", kwargs={"slug": slug}))

    events = consumer_reading("frab_c3voc.py", response.content, "schedule.json", tmp_path)
    assert events == database_sessions(sessions, key=lambda session: str(session.uid))
