"""Capacity under real concurrency, on PostgreSQL: threads, each with its own connection."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction

from common.locking import locked
from events.enums import OrganizationKind
from events.models import Campaign, CampaignRecipient, Conference, Invitation
from events.services import campaigns
from outbox import tasks as outbox_tasks
from outbox.models import OutboxMessage
from registrations import services
from registrations.enums import RegistrationStatus
from registrations.models import DelegationQuota, Registration
from registrations.services import delegations as delegation_services
from tests.factories import ConferenceFactory, OrganizationFactory

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


def reread_without_a_lock(instance, *fields):
    instance.refresh_from_db(fields=fields)
    return instance


def test_without_the_lock_the_same_load_oversells(postgres, monkeypatch):
    """Proves that the test above can see a race: the lock is what stops it."""
    assert connection.vendor == "postgresql"
    monkeypatch.setattr(services, "locked", lambda model, pk: model.objects.get(pk=pk))
    monkeypatch.setattr(services, "lock_and_reread", reread_without_a_lock)
    conference = ConferenceFactory(capacity=SEATS)

    outcome = register_all(conference)

    assert outcome["confirmed"] > SEATS


DELEGATIONS = 20
DELEGATES_EACH = 10
DELEGATION_SEATS = 120
PARTY_QUOTA = 8


def delegations_at_once(conference) -> list:
    """20 delegations of 10, half of them parties with a quota of 8, all posted at the same instant."""
    DelegationQuota.objects.create(
        conference=conference, organization_kind=OrganizationKind.PARTY, seats=PARTY_QUOTA
    )
    opened = []
    for number in range(DELEGATIONS):
        kind = OrganizationKind.PARTY if number % 2 else OrganizationKind.TRADE_UNION
        opened.append(delegation_services.create_delegation(
            conference, organization=OrganizationFactory(kind=kind), contact_name=f"C{number}",
            contact_email=f"contact{number}@example.org",
        )[0])  # fmt: skip
    start = threading.Barrier(DELEGATIONS)

    def post(delegation):
        text = "\n".join(
            f"D{delegation.pk}-{n}, d{delegation.pk}-{n}@example.org, BR" for n in range(DELEGATES_EACH)
        )
        try:
            start.wait()
            return delegation_services.add_delegate_list(delegation, text)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=DELEGATIONS) as pool:
        return list(pool.map(post, opened))


def test_twenty_delegations_at_once_take_exactly_the_seats_and_keep_their_quotas(postgres):
    conference = ConferenceFactory(capacity=DELEGATION_SEATS)

    reports = delegations_at_once(conference)

    registrations = Registration.objects.filter(conference=conference)
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == DELEGATION_SEATS
    added = sum(len(report.added) for report in reports)
    refused = sum(len(report.problems) for report in reports)
    assert (added, refused) == (180, 20)  # ten parties send 8 each, ten unions 10 each
    assert registrations.filter(status=RegistrationStatus.WAITLISTED).count() == added - DELEGATION_SEATS
    assert set(registrations.values_list("status", flat=True)) == {"confirmed", "waitlisted"}
    for delegation in conference.delegations.select_related("organization"):
        limit = PARTY_QUOTA if delegation.organization.kind == OrganizationKind.PARTY else DELEGATES_EACH
        assert delegation.delegates.count() == limit


def test_without_the_lock_the_delegations_oversell(postgres, monkeypatch):
    """Proves that the test above can see a race: the conference lock is what stops it."""
    unlocked = lambda model, pk: model.objects.get(pk=pk)  # noqa: E731
    monkeypatch.setattr(services, "locked", unlocked)
    monkeypatch.setattr(services, "lock_and_reread", reread_without_a_lock)
    monkeypatch.setattr(delegation_services, "locked", unlocked)
    conference = ConferenceFactory(capacity=DELEGATION_SEATS)

    delegations_at_once(conference)

    confirmed = Registration.objects.filter(
        conference=conference, status=RegistrationStatus.CONFIRMED
    ).count()
    assert confirmed > DELEGATION_SEATS


INVITEES = 30


def campaign_of(conference) -> Campaign:
    campaign = Campaign.objects.create(conference=conference, name="First call", default_language="en")
    campaigns.save_message(
        campaign, language="en", subject="Invitation to {conference}", body="Dear {name},\n\nAnswer: {link}\n"
    )
    CampaignRecipient.objects.bulk_create(
        CampaignRecipient(campaign=campaign, email=f"invitee{n}@example.org", name=f"I {n}", language="en")
        for n in range(INVITEES)
    )
    return campaign


def waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


class HeldSend:
    """send_campaign() in a thread of its own, its transaction held open after the send until released."""

    def __init__(self, campaign) -> None:
        self.campaign, self.sent, self.release = campaign, threading.Event(), threading.Event()

    def __call__(self):
        try:
            with transaction.atomic():
                report = campaigns.send_campaign(self.campaign)
                self.sent.set()
                self.release.wait(timeout=120)  # a guard against a hung test, not a measure
            return report
        finally:
            connections.close_all()


def test_a_registration_completes_while_a_campaign_send_holds_its_transaction(postgres):
    conference = ConferenceFactory(capacity=SEATS)
    held = HeldSend(campaign_of(conference))
    with ThreadPoolExecutor(max_workers=1) as pool:
        sending = pool.submit(held)
        try:
            assert held.sent.wait(timeout=120)
            with connection.cursor() as cursor:  # waiting for the send's lock would fail, not hang
                cursor.execute("SET lock_timeout = '30s'")
            registered = services.register(conference, full_name="Ana", email="ana@example.org", country="BR")
            invitations_meanwhile = Invitation.objects.filter(conference=conference).count()
        finally:
            held.release.set()
        report = sending.result()

    assert registered.created
    assert registered.registration.status == RegistrationStatus.CONFIRMED
    assert invitations_meanwhile == 0  # the send had not committed when the registration had
    assert report.invited == INVITEES
    assert Invitation.objects.filter(conference=conference).count() == INVITEES


def test_a_second_send_of_the_campaign_waits_for_the_first_and_invites_nobody_again(postgres):
    conference = ConferenceFactory()
    campaign = campaign_of(conference)
    held = HeldSend(campaign)

    def send_again():
        try:
            return campaigns.send_campaign(Campaign.objects.get(pk=campaign.pk))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(held)
        try:
            assert held.sent.wait(timeout=120)
            second = pool.submit(send_again)
            deadline = time.monotonic() + 120  # a guard: the condition, not the time, decides
            while not waiting_for_a_lock() and time.monotonic() < deadline:
                time.sleep(0.01)
            assert waiting_for_a_lock()
        finally:
            held.release.set()
        reports = first.result(), second.result()

    assert [(report.invited, report.already_invited) for report in reports] == [(INVITEES, 0), (0, INVITEES)]
    assert Invitation.objects.filter(conference=conference).count() == INVITEES
    assert OutboxMessage.objects.filter(conference=conference).count() == INVITEES


def test_an_address_registered_already_gets_its_answer_without_waiting_for_the_seat_lock(postgres):
    conference = ConferenceFactory(capacity=SEATS)
    services.register(conference, full_name="Ana", email="ana@example.org", country="BR")
    holding, release = threading.Event(), threading.Event()

    def hold_the_seat_lock():
        try:
            with transaction.atomic():
                locked(Conference, conference.pk)
                holding.set()
                release.wait(timeout=120)  # a guard against a hung test, not a measure
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        held = pool.submit(hold_the_seat_lock)
        try:
            assert holding.wait(timeout=120)
            with connection.cursor() as cursor:  # waiting for the lock would fail, not hang
                cursor.execute("SET lock_timeout = '30s'")
            again = services.register(conference, full_name="Ana", email="ANA@example.org", country="BR")
        finally:
            release.set()
        held.result()

    assert again.created is False
    assert Registration.objects.filter(conference=conference).count() == 1
