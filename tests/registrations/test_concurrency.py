"""Capacity under real concurrency, on PostgreSQL: threads, each with its own connection."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from outbox import tasks as outbox_tasks
from registrations import services
from registrations.enums import RegistrationStatus
from registrations.models import Registration
from tests.factories import ConferenceFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _no_delivery(monkeypatch):
    """The mail rows are written as always, but not handed to (eager) Celery from many threads:
    eager tasks flip a process-wide Celery flag that racing threads can leave set, which later
    makes result.get() refuse to run in other tests."""

    monkeypatch.setattr(outbox_tasks, "enqueue_delivery", lambda ids: None)


SEATS = 50
REGISTRATIONS = 200
# Open connections at once; PostgreSQL's default max_connections is 100 and other test workers need some.
THREADS = 40


def register_all(conference) -> dict[str, int]:
    start = threading.Barrier(THREADS)

    def one(number: int) -> str:
        try:
            if number < THREADS:
                start.wait()  # the first wave starts at the same instant
            person = {"full_name": f"P{number}", "email": f"p{number}@example.org", "country": "BR"}
            return services.register(conference, **person).registration.status
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = list(pool.map(one, range(REGISTRATIONS)))
    return {status: statuses.count(status) for status in set(statuses)}


def test_two_hundred_at_once_for_fifty_seats_confirm_exactly_fifty(postgres):
    conference = ConferenceFactory(capacity=SEATS)

    outcome = register_all(conference)

    assert outcome == {"confirmed": SEATS, "waitlisted": REGISTRATIONS - SEATS}
    in_database = Registration.objects.filter(conference=conference, status=RegistrationStatus.CONFIRMED)
    assert in_database.count() == SEATS

    # One cancellation, sent twice at the same moment, promotes exactly one person.
    cancelled = in_database.first()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda _n: (services.cancel(cancelled), connections.close_all()), range(2)))
    assert in_database.count() == SEATS
    assert Registration.objects.filter(
        conference=conference, status=RegistrationStatus.WAITLISTED
    ).count() == (REGISTRATIONS - SEATS - 1)


def test_without_the_lock_the_same_load_oversells(postgres, monkeypatch):
    """Proves that the test above can see a race: the lock is what stops it."""
    assert connection.vendor == "postgresql"
    monkeypatch.setattr(services, "locked", lambda model, pk: model.objects.get(pk=pk))
    conference = ConferenceFactory(capacity=SEATS)

    outcome = register_all(conference)

    assert outcome["confirmed"] > SEATS
