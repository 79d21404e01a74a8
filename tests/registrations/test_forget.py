"""A person deletes their registration's personal data from the personal link: the registration stays as an
anonymous count, and nothing of the name or the address is left anywhere in the database."""

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse

from events.enums import OrganizationKind
from outbox.models import OutboxMessage
from registrations import selectors, services
from registrations.enums import RegistrationStatus
from registrations.models import Registration, RegistrationLink
from registrations.services import delegations
from registrations.services.privacy import forget
from tests.factories import ConferenceFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Zofia Quellbrunn", "zofia.quellbrunn@example.org"
TEXT_TYPES = {"CharField", "TextField", "EmailField", "SlugField", "URLField", "JSONField"}


def zofia(conference, **extra) -> services.Registered:
    return services.register(
        conference, full_name=NAME, email=EMAIL, country="PL", new_organization_name="Koło Quellbrunn",
        new_organization_kind=OrganizationKind.MOVEMENT, languages=["pl", "de"], interpretation_needs=["en"],
        accessibility_needs="A wheelchair place", note="Arriving late, Zofia", **extra,
    )  # fmt: skip


def places_holding(*needles: str) -> list[str]:
    """Every text column of every table (history, outbox and admin log included) that holds a needle."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.get_internal_type() not in TEXT_TYPES:
                continue
            rows = model._base_manager.annotate(as_text=Cast(field.name, models.TextField()))
            for needle in needles:
                if rows.filter(as_text__icontains=needle).exists():
                    found.append(f"{model._meta.db_table}.{field.column} holds {needle!r}")
    return found


def test_forgetting_gives_the_seat_away_and_leaves_only_an_anonymous_count():
    conference = ConferenceFactory(capacity=1)
    registered = zofia(conference)
    waiting = services.register(conference, full_name="Ben Okri", email="ben@example.org", country="NG")

    forgotten = forget(registered.registration)

    stored = Registration.objects.get(pk=registered.registration.pk)
    assert stored == forgotten
    assert (stored.status, stored.country.code, stored.role, stored.conference) == (
        RegistrationStatus.CANCELLED, "PL", "delegate", conference,
    )  # fmt: skip
    assert (stored.full_name, stored.proposed_organization_name, stored.languages) == ("", "", [])
    assert (stored.interpretation_needs, stored.accessibility_needs, stored.note) == ([], "", "")
    assert stored.email == f"deleted-{stored.pk}@deleted.invalid"  # no mail can reach it
    assert stored.user is None and stored.forgotten_at is not None
    assert stored.history.count() == 0
    assert not RegistrationLink.objects.filter(registration=stored).exists()
    waiting.registration.refresh_from_db()
    assert waiting.registration.status == RegistrationStatus.CONFIRMED  # the seat went to the waiting list


def test_nothing_of_the_name_or_the_address_remains_anywhere(django_capture_on_commit_callbacks):
    conference = ConferenceFactory(capacity=10)
    organizer = MembershipFactory(conference=conference).user
    party = OrganizationFactory(name="Partia Razem", kind=OrganizationKind.PARTY, country="PL")
    with django_capture_on_commit_callbacks(execute=True):
        delegation, _token = delegations.create_delegation(
            conference, organization=party, contact_name="Clara", contact_email="clara@example.org"
        )
        delegations.add_delegate_list(delegation, f"{NAME}, {EMAIL}, PL\nOla Nowak, ola@example.org, PL")
        registration = Registration.objects.get(email=EMAIL)
        services.update_registration(registration, note="Arriving late, Zofia", accessibility_needs="Lift")
        services.write_to(
            [registration], subject=f"For {NAME}", body=f"Dear {NAME}, see you.", sender=organizer
        )
        services.resend_link(registration)
    LogEntry.objects.log_actions(
        user_id=organizer.pk, queryset=[registration], action_flag=CHANGE, change_message="Changed note."
    )
    before = {place.split()[0] for place in places_holding("Quellbrunn", EMAIL)}
    assert before >= {  # the scan sees them: the registration, its history, its mails, the report, the log
        "registrations_registration.full_name", "registrations_historicalregistration.email",
        "outbox_outboxmessage.body_text", "outbox_outboxmessage.calendar", "outbox_outboxmessage.subject",
        "django_admin_log.object_repr",
    }  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        forget(registration)

    assert places_holding("Quellbrunn", EMAIL, "zofia.quellbrunn") == []
    report = OutboxMessage.objects.get(recipient="clara@example.org", subject__contains="what happened")
    assert "[deleted] <[deleted]>: Confirmed" in report.body_text
    assert "Ola Nowak <ola@example.org>: Confirmed" in report.body_text  # the others' names stay
    mails = OutboxMessage.objects.filter(about_id=registration.pk, about_type__model="registration")
    assert {(mail.recipient, mail.recipient_name, mail.body_text, mail.calendar) for mail in mails} == {
        ("", "", "", "")
    }
    assert mails.count() == 3  # kept, as a count, with their status and subject


def test_forgetting_after_the_conference_keeps_the_status_so_the_figures_stay_right():
    last_month = date.today() - timedelta(days=30)
    conference = ConferenceFactory(starts_on=last_month, ends_on=last_month, participation_threshold=1)
    registered = zofia(conference, outside_window=True)
    before = selectors.participation(conference)

    forget(registered.registration)

    registered.registration.refresh_from_db()
    assert registered.registration.status == RegistrationStatus.CONFIRMED
    assert selectors.participation(conference) == before  # the typed organization too, still counted once
    assert before.organizations == 1
    assert registered.registration.proposed_organization_name == f"[deleted {registered.registration.pk}]"


def test_after_the_conference_an_organization_typed_by_others_too_is_simply_blanked():
    last_month = date.today() - timedelta(days=30)
    conference = ConferenceFactory(starts_on=last_month, ends_on=last_month, participation_threshold=1)
    registered = zofia(conference, outside_window=True)
    services.register(
        conference, full_name="Ola", email="ola@example.org", country="PL", outside_window=True,
        new_organization_name="KOŁO  Quellbrunn", new_organization_kind=OrganizationKind.MOVEMENT,
    )  # fmt: skip
    before = selectors.participation(conference)

    forget(registered.registration)

    registered.registration.refresh_from_db()
    assert registered.registration.proposed_organization_name == ""
    assert selectors.participation(conference) == before
    assert before.organizations == 1


def test_forgetting_twice_changes_nothing_more():
    registered = zofia(ConferenceFactory())
    first = forget(registered.registration)

    again = forget(first)

    assert again.forgotten_at == first.forgotten_at


def test_the_personal_link_asks_first_then_forgets_and_then_works_no_more(client):
    conference = ConferenceFactory()
    registered = zofia(conference)
    page = reverse("registrations:registration-detail", kwargs={"token": registered.token})
    confirm = reverse("registrations:registration-forget", kwargs={"token": registered.token})

    detail = client.get(page)
    asked = client.get(confirm)
    registered.registration.refresh_from_db()
    assert registered.registration.forgotten_at is None  # asking changes nothing
    done = client.post(confirm)

    assert confirm in detail.content.decode()
    assert asked.status_code == 200 and NAME in asked.content.decode()
    assert done.status_code == 200 and "Your personal data is deleted" in done.content.decode()
    assert NAME not in done.content.decode()
    assert client.get(page).status_code == 404
    assert client.post(confirm).status_code == 404
    registered.registration.refresh_from_db()  # the row stays, as a count
    assert registered.registration.forgotten_at is not None
