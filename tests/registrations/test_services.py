"""Registering: seats, the waiting list, approval, cancellation, links, mails and calendars."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from common.site_urls import site_domain
from events.enums import InvitationAnswer
from events.models import Conference, Organization
from events.services.invitations import invite
from outbox.models import OutboxMessage
from registrations import services
from registrations.enums import RegistrationStatus
from registrations.models import Registration
from tests.factories import ConferenceFactory, OrganizationFactory
from tests.mail import write_queued

pytestmark = pytest.mark.django_db


def person(number: int, **extra) -> dict:
    return {"full_name": f"Person {number}", "email": f"person{number}@example.org", "country": "FR", **extra}


def mails_to(email: str):
    write_queued()
    return OutboxMessage.objects.filter(recipient=email).order_by("pk")


def token_in(message: OutboxMessage) -> str:
    return next(line for line in message.body_text.splitlines() if "/r/" in line).split("/r/")[1].strip("/")


def test_seats_then_the_waiting_list_then_a_cancellation_promotes_the_first_in_line():
    conference = ConferenceFactory(capacity=2)
    outcomes = [services.register(conference, **person(n)).registration for n in range(4)]

    assert [registration.status for registration in outcomes] == [
        "confirmed",
        "confirmed",
        "waitlisted",
        "waitlisted",
    ]
    services.cancel(outcomes[0])

    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "person0@example.org": "cancelled",
        "person1@example.org": "confirmed",
        "person2@example.org": "confirmed",
        "person3@example.org": "waitlisted",
    }
    promoted = mails_to("person2@example.org").last()
    assert promoted.subject.startswith("A seat is free")
    assert promoted.calendar_method == "REQUEST"


def test_cancelling_twice_or_a_waitlisted_one_promotes_nobody():
    conference = ConferenceFactory(capacity=1)
    first, second, third = (services.register(conference, **person(n)).registration for n in range(3))

    services.cancel(third)
    services.cancel(third)

    assert Registration.objects.get(pk=second.pk).status == RegistrationStatus.WAITLISTED
    assert Registration.objects.get(pk=first.pk).status == RegistrationStatus.CONFIRMED


def test_approval_holds_everyone_as_pending_until_decided():
    conference = ConferenceFactory(capacity=1, registration_requires_approval=True)
    first, second = (services.register(conference, **person(n)).registration for n in range(2))

    assert (first.status, second.status) == ("pending", "pending")
    assert services.approve(first).status == RegistrationStatus.CONFIRMED
    assert services.approve(second).status == RegistrationStatus.WAITLISTED
    assert services.reject(second).status == RegistrationStatus.REJECTED
    with pytest.raises(ValidationError):
        services.approve(second)
    assert "could not accept" in mails_to("person1@example.org").last().body_text


def test_the_same_address_again_gets_its_link_by_mail_not_a_second_registration():
    conference = ConferenceFactory()
    first = services.register(conference, **person(1))

    again = services.register(conference, **person(1, full_name="Someone Else", email="PERSON1@example.org"))
    third = services.register(conference, **person(1))

    assert (again.created, again.registration, again.token) == (False, first.registration, "")
    assert third.registration == first.registration
    assert Registration.objects.count() == 1
    reminders = [mail for mail in mails_to("person1@example.org") if "your personal link" in mail.subject]
    assert len(reminders) == 1  # once in ten minutes, however often the form is sent
    assert services.registration_for_token(token_in(reminders[0])) == first.registration
    assert services.registration_for_token(first.token) == first.registration


def test_after_cancelling_the_address_can_register_again():
    conference = ConferenceFactory()
    first = services.register(conference, **person(1)).registration
    services.cancel(first)

    second = services.register(conference, **person(1))

    assert second.created and second.registration != first


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [(1, 2, "Registration opens on"), (-2, -1, "Registration closed on")],
)
def test_outside_its_window_registration_is_refused_saying_when(opens, closes, message):
    now = timezone.now()
    conference = ConferenceFactory(
        registration_opens_at=now + timedelta(days=opens), registration_closes_at=now + timedelta(days=closes)
    )

    with pytest.raises(ValidationError) as refused:
        services.register(conference, **person(1))

    assert refused.value.messages[0].startswith(message)
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("language", "opens", "closed"),
    [
        ("en", "Registration opens on June 1, 2022, 6 p.m.", "Registration closed on June 24, 2022, 6 p.m."),
        ("el", "Οι εγγραφές ανοίγουν στις 01/06/2022 6 μμ.", "Οι εγγραφές έκλεισαν στις 24/06/2022 6 μμ."),  # noqa: RUF001 (Greek)
    ],
)
def test_a_window_that_ends_on_an_abbreviated_time_has_one_full_stop(language, opens, closed):
    """English and Greek times end with an abbreviation's full stop ("6 p.m.", "6 μμ."): the
    sentence's own is not added after it."""
    conference = ConferenceFactory(
        timezone="Europe/Istanbul",
        registration_opens_at=datetime(2022, 6, 1, 15, 0, tzinfo=UTC),
        registration_closes_at=datetime(2022, 6, 24, 15, 0, tzinfo=UTC),
    )

    with translation.override(language):
        before = services.registration_window(conference, now=datetime(2022, 5, 1, tzinfo=UTC))
        after = services.registration_window(conference, now=datetime(2022, 7, 1, tzinfo=UTC))

    assert (before.message, after.message) == (opens, closed)


def test_without_dates_registration_closes_when_the_conference_ends():
    conference = ConferenceFactory()
    later = timezone.now() + timedelta(days=400)

    assert services.registration_window(conference).is_open
    assert not services.registration_window(conference, now=later).is_open


def test_a_new_organization_typed_in_stays_on_the_registration_and_an_existing_one_is_reused():
    conference = ConferenceFactory()
    existing = OrganizationFactory(name="Frente Amplio", country="UY")

    one = services.register(conference, **person(1, country="UY", new_organization_name="frente amplio"))
    two = services.register(conference, **person(2, country="CL", new_organization_name="Frente Amplio",
                                                 new_organization_kind="party"))  # fmt: skip

    assert one.registration.organization == existing
    assert (two.registration.organization, two.registration.proposed_organization_name,
            two.registration.proposed_organization_kind) == (None, "Frente Amplio", "party")  # fmt: skip
    assert Organization.objects.filter(normalized_name="frente amplio").count() == 1


def test_registering_through_an_invitation_records_the_acceptance():
    conference = ConferenceFactory()
    invitation, _created = invite(conference, email="person1@example.org", name="Person 1")
    other_conference_invitation, _created = invite(ConferenceFactory(), email="x@example.org")

    registration = services.register(conference, invitation=invitation, **person(1)).registration
    stranger = services.register(conference, invitation=other_conference_invitation, **person(2)).registration

    invitation.refresh_from_db()
    assert (registration.invitation, invitation.answer) == (invitation, InvitationAnswer.ACCEPTED)
    assert stranger.invitation is None


def test_the_confirmation_carries_the_conference_as_a_calendar_item():
    conference = ConferenceFactory(title="Conference for Peace", venue="Hall")
    services.register(conference, **person(1))

    mail = mails_to("person1@example.org").get()
    event = icalendar.Calendar.from_ical(mail.calendar).walk("VEVENT")[0]
    assert mail.subject == "Your registration for Conference for Peace is confirmed"
    assert event["UID"] == f"conference-{conference.uid}@{site_domain()}"
    assert [str(attendee) for attendee in [event["ATTENDEE"]]] == ["mailto:person1@example.org"]
    assert event.decoded("DTSTART") == conference.starts_on
    assert event.decoded("DTEND") == conference.ends_on + timedelta(days=1)
    assert "/r/" in mail.body_text and mail.redactions
    assert "Accept and Decline buttons send no answer" in mail.body_text  # the calendar asks for none


def test_new_dates_send_every_confirmed_participant_an_update_with_a_higher_sequence():
    conference = ConferenceFactory(capacity=1)
    services.register(conference, **person(1))
    services.register(conference, **person(2))  # waiting: not in anyone's calendar yet
    before = icalendar.Calendar.from_ical(mails_to("person1@example.org").get().calendar).walk("VEVENT")[0]

    services.change_conference(conference, starts_on=conference.starts_on + timedelta(days=7),
                      ends_on=conference.ends_on + timedelta(days=7))  # fmt: skip
    services.change_conference(conference, tagline="Same dates, new words")

    update = mails_to("person1@example.org").last()
    after = icalendar.Calendar.from_ical(update.calendar).walk("VEVENT")[0]
    assert update.subject.startswith("New dates or place")
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert mails_to("person1@example.org").count() == 2
    assert not mails_to("person2@example.org").filter(subject__startswith="New dates").exists()


def test_a_cancellation_takes_the_conference_out_of_the_calendar():
    conference = ConferenceFactory()
    registration = services.register(conference, **person(1)).registration

    services.cancel(registration)

    mail = mails_to("person1@example.org").last()
    assert mail.calendar_method == "CANCEL"
    assert icalendar.Calendar.from_ical(mail.calendar)["METHOD"] == "CANCEL"


def test_an_unknown_or_tampered_link_is_refused():
    for token in ["", "x" * 101, "not-a-token"]:
        with pytest.raises(services.RegistrationUnavailable):
            services.registration_for_token(token)


def test_check_in_only_for_confirmed_participants():
    conference = ConferenceFactory(capacity=1)
    confirmed, waiting = (services.register(conference, **person(n)).registration for n in range(2))

    assert services.check_in(confirmed).checked_in_at is not None
    assert services.check_in(confirmed, present=False).checked_in_at is None
    with pytest.raises(ValidationError):
        services.check_in(waiting)


def test_raising_the_capacity_moves_the_waiting_list_up_and_lowering_it_below_the_confirmed_is_refused():
    conference = ConferenceFactory(capacity=1)
    for number in range(4):
        services.register(conference, **person(number))

    services.change_conference(conference, capacity=2)
    with pytest.raises(ValidationError) as refused:
        services.change_conference(conference, capacity=1)
    services.change_conference(conference, capacity=None)

    assert "capacity" in refused.value.message_dict
    statuses = list(Registration.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["confirmed"] * 4
    assert mails_to("person1@example.org").last().subject.startswith("A seat is free")


def test_editing_the_conference_through_its_form_object_still_sees_what_changed():
    """The edit view's ModelForm writes the new values onto the object before the service runs."""
    conference = ConferenceFactory(capacity=1)
    services.register(conference, **person(1))
    services.register(conference, **person(2))
    conference.starts_on += timedelta(days=7)
    conference.ends_on += timedelta(days=7)
    conference.capacity = 5

    services.change_conference(conference)

    conference.refresh_from_db()
    assert conference.sequence == 1
    assert not Registration.objects.filter(status="waitlisted").exists()
    assert mails_to("person1@example.org").last().subject.startswith("New dates or place")


def test_a_change_through_the_personal_link_keeps_a_seat_given_meanwhile():
    conference = ConferenceFactory(capacity=1)
    first = services.register(conference, **person(1)).registration
    opened_page = services.register(conference, **person(2)).registration  # waitlisted, page open
    services.cancel(first)

    services.update_registration(opened_page, note="Arriving late")

    opened_page.refresh_from_db()
    assert (opened_page.status, opened_page.note) == ("confirmed", "Arriving late")


def test_cancelling_with_more_confirmed_than_seats_promotes_nobody():
    conference = ConferenceFactory(capacity=3)
    registrations = [services.register(conference, **person(n)).registration for n in range(4)]
    Conference.objects.filter(pk=conference.pk).update(capacity=1)  # as the admin could

    services.cancel(registrations[0])

    assert Registration.objects.filter(status="waitlisted").count() == 1


def test_the_confirmation_brings_the_program_feed():
    conference = ConferenceFactory()

    services.register(conference, **person(1))

    assert f"/c/{conference.slug}/program.ics" in mails_to("person1@example.org").get().body_text
