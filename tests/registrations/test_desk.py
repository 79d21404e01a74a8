"""The registration desk's services: to and from the waiting list, a seat out of turn, corrections."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from events.enums import ConferenceStatus
from outbox import tasks as outbox_tasks
from outbox.models import OutboxMessage
from registrations import services
from registrations.enums import RegistrationStatus
from registrations.models import Registration
from registrations.services import desk
from tests.factories import ConferenceFactory, OrganizationFactory
from tests.mail import write_queued

pytestmark = pytest.mark.django_db


def register(conference, number: int, **extra) -> Registration:
    person = {"full_name": f"Person {number}", "email": f"person{number}@example.org", "country": "FR"}
    return services.register(conference, **person, **extra).registration


def last_mail(registration) -> OutboxMessage:
    write_queued()
    return OutboxMessage.objects.filter(recipient=registration.email).order_by("pk").last()


def test_moving_a_confirmed_one_to_the_waiting_list_frees_the_seat_for_whom_the_team_chooses():
    conference = ConferenceFactory(capacity=1)
    seated, _waiting, later = (register(conference, number) for number in range(3))

    desk.move_to_waiting_list(seated)
    chosen = desk.give_seat(later)

    statuses = dict(conference.registrations.values_list("email", "status"))
    assert statuses == {
        "person0@example.org": "waitlisted",
        "person1@example.org": "waitlisted",  # not promoted in the moved one's place: the team chose
        "person2@example.org": "confirmed",
    }
    assert chosen.status == RegistrationStatus.CONFIRMED
    told = last_mail(seated)
    assert told.subject == f"You are on the waiting list for {conference.title}"
    assert "moved your registration to the waiting list" in told.body_text
    assert told.calendar_method == "CANCEL"  # the seat leaves their calendar
    assert (
        last_mail(later).subject.startswith("A seat is free")
        and last_mail(later).calendar_method == "REQUEST"
    )


def test_a_seat_out_of_turn_is_refused_when_none_is_free_and_nothing_changes():
    conference = ConferenceFactory(capacity=1)
    register(conference, 0)
    waiting = register(conference, 1)
    mails = OutboxMessage.objects.count()

    with pytest.raises(ValidationError, match="No seat is free: all 1 are taken"):
        desk.give_seat(waiting)

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert OutboxMessage.objects.count() == mails


def test_a_pending_registration_goes_to_the_waiting_list_or_gets_a_seat_as_approved():
    conference = ConferenceFactory(capacity=5, registration_requires_approval=True)
    first, second = register(conference, 0), register(conference, 1)

    desk.move_to_waiting_list(first)
    desk.give_seat(second)

    assert (first.status, second.status) == ("pending", "pending")  # the objects passed in stay as they were
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == ("waitlisted", "confirmed")
    assert last_mail(first).subject == f"You are on the waiting list for {conference.title}"
    assert last_mail(second).subject == f"Your registration for {conference.title} is approved"


@pytest.mark.parametrize(
    ("status", "service"),
    [
        ("cancelled", desk.move_to_waiting_list),
        ("waitlisted", desk.move_to_waiting_list),
        ("confirmed", desk.give_seat),
        ("rejected", desk.give_seat),
    ],
)
def test_a_move_that_does_not_fit_the_status_is_refused(status, service):
    registration = register(ConferenceFactory(), 0)
    Registration.objects.filter(pk=registration.pk).update(status=status)

    with pytest.raises(ValidationError):
        service(registration)

    registration.refresh_from_db()
    assert registration.status == status


def test_no_seat_is_given_on_an_archived_conference():
    conference = ConferenceFactory(capacity=5)
    waiting = register(conference, 0)
    Registration.objects.filter(pk=waiting.pk).update(status=RegistrationStatus.WAITLISTED)
    conference.status = ConferenceStatus.ARCHIVED
    conference.save()

    with pytest.raises(ValidationError, match="archived"):
        desk.give_seat(waiting)


def test_the_team_corrects_any_detail_and_the_address_stays_one_per_active_registration():
    conference = ConferenceFactory()
    ana, ben = register(conference, 0), register(conference, 1)
    organization = OrganizationFactory(name="Union of Writers")

    changed = desk.change_registration(
        ana, full_name="Ana Lima", email=" Ana@Example.org ", organization=organization, country="BR",
        note="Arrives late", public_name=True,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        desk.change_registration(ben, email="ANA@example.org")

    ana.refresh_from_db(), ben.refresh_from_db()
    assert (changed.email, ana.email, ana.full_name, ana.organization, ana.country.code, ana.note) == (
        "ana@example.org", "ana@example.org", "Ana Lima", organization, "BR", "Arrives late",
    )  # fmt: skip
    assert refused.value.message_dict == {
        "email": [
            "Another active registration of this conference has this address: one address, one registration."
        ]
    }
    assert ben.email == "person1@example.org"


def test_a_cancelled_registration_may_keep_an_address_that_is_registered_again():
    conference = ConferenceFactory()
    cancelled = services.cancel(register(conference, 0))
    register(conference, 0)  # the same person registered again

    desk.change_registration(cancelled, full_name="Old registration", email="person0@example.org")

    assert conference.registrations.filter(email="person0@example.org").count() == 2


def test_the_team_may_not_change_the_status_or_role_through_the_details():
    registration = register(ConferenceFactory(), 0)

    with pytest.raises(ValueError, match="Not changeable: role, status"):
        desk.change_registration(registration, status="confirmed", role="press")


@pytest.fixture
def _no_delivery(monkeypatch):
    """Mail rows are written, not handed to (eager) Celery from many threads (see test_concurrency)."""
    monkeypatch.setattr(outbox_tasks, "enqueue_delivery", lambda ids: None)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_organizers_giving_the_last_seat_at_once_give_it_once(postgres, _no_delivery):
    conference = ConferenceFactory(capacity=1)
    register(conference, 0)
    waiting = [register(conference, number) for number in (1, 2)]
    desk.move_to_waiting_list(conference.registrations.get(email="person0@example.org"))

    def give(registration) -> str:
        try:
            return desk.give_seat(registration).status
        except ValidationError:
            return "refused"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(give, waiting))

    assert outcomes == ["confirmed", "refused"]
    assert conference.registrations.confirmed().count() == 1
