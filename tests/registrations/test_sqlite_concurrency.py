"""On SQLite the seats hold too: its transactions take the write lock when they begin (IMMEDIATE).

The test database of the rest of the suite lives in memory; this one needs a file that several
connections share, so a child process migrates a fresh file and registers from many threads.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, threading
from concurrent.futures import ThreadPoolExecutor
import django
django.setup()
from django.core.management import call_command
from django.db import connections
call_command("migrate", verbosity=0)
from datetime import date, timedelta
from events.models import Conference
from registrations import services
conference = Conference.objects.create(slug="c", title="C", status="published", capacity=10,
    starts_on=date.today() + timedelta(days=30), ends_on=date.today() + timedelta(days=31))
start = threading.Barrier(20)
def one(number):
    try:
        start.wait()
        return services.register(conference, full_name=f"P{number}", email=f"p{number}@example.org",
                                 country="BR").registration.status
    finally:
        connections.close_all()
with ThreadPoolExecutor(max_workers=20) as pool:
    statuses = list(pool.map(one, range(20)))
print(json.dumps({status: statuses.count(status) for status in set(statuses)}))
"""


def run(tmp_path, script: str) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'concurrency.sqlite3'}",
        "EMAIL_URL": "memory://",
    }
    environment.pop("REDIS_URL", None)

    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def test_twenty_at_once_for_ten_seats_on_sqlite_confirm_exactly_ten(tmp_path):
    result = run(tmp_path, SCRIPT)

    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"confirmed": 10, "waitlisted": 10}


def test_with_deferred_transactions_the_same_load_collides(tmp_path):
    """Proves the threads really overlap: without IMMEDIATE, two of them hold a read lock and both
    want to write, and SQLite refuses one ("database is locked")."""
    deferred = SCRIPT.replace(
        "django.setup()\n",
        "django.setup()\nfrom django.db import connections as c\n"
        "c['default'].settings_dict['OPTIONS']['transaction_mode'] = 'DEFERRED'\n",
    )

    result = run(tmp_path, deferred)

    assert result.returncode != 0
    assert "database is locked" in result.stderr
