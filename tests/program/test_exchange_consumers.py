"""The frab schedule read by a consumer nobody here wrote: c3voc-schedule-tools, the c3voc's library
for schedule files (PyPI), must find every session at the UTC instants the database holds, in its
room, with its speakers, for sessions around the clock changes of zones that have them and one that
does not.

The tool pins versions that conflict with Zimmerwald's, so it lives in its own virtual environment,
.venv-frab, which `make frab-tools` builds (and `make test` asks for); tests/program/frab_consumer.py
runs inside it. It reads only schedule.json: it has no reader for schedule.xml."""

# ruff: noqa: RUF001 - the Turkish dotless i and the dash in the names are meant

import json
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.clock_changes import CLOCK_CHANGES, sessions_around_clock_changes, utc_text
from tests.conftest import unavailable
from tests.factories import SessionPersonFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
FRAB_VENV = ROOT / ".venv-frab"
CONSUMER = ROOT / "tests" / "program" / "frab_consumer.py"

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


def c3voc_reading(schedule_json: bytes, directory: Path) -> dict:
    """Every event as c3voc-schedule-tools read it, by guid: start, end (UTC), room and speakers."""
    if not (FRAB_VENV / ".installed").exists():
        unavailable(".venv-frab is missing: run `make frab-tools` (make test does) for c3voc-schedule-tools")
    source = directory / "schedule.json"
    source.write_bytes(schedule_json)
    python = FRAB_VENV / "bin" / "python"
    result = subprocess.run(
        [str(python), str(CONSUMER), str(source)], capture_output=True, cwd=directory, timeout=60
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


@pytest.mark.services
@pytest.mark.parametrize("zone", CLOCK_CHANGES)
def test_schedule_json_read_by_c3voc_schedule_tools_gives_the_database_sessions(client, zone, tmp_path):
    sessions = sessions_around_clock_changes(zone)
    for session, names in zip(sessions, SPEAKERS, strict=True):
        for position, name in enumerate(names):
            SessionPersonFactory(session=session, name=name, position=position)
    room = sessions[1].room
    room.name = "Büyük Salon – Մեծ դահլիճ"
    room.save()
    slug = sessions[0].conference.slug

    response = client.get(reverse("program:schedule-json", kwargs={"slug": slug}))

    expected = {
        str(session.uid): {
            "start": utc_text(session.starts_at),
            "end": utc_text(session.ends_at),
            "room": session.room.name,
            "speakers": [person.name for person in session.people.all()],
        }
        for session in sessions
    }
    assert c3voc_reading(response.content, tmp_path) == expected
