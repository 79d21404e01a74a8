"""An archived conference takes no registrations: not from the form, the import or the bulk actions."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.enums import ConferenceStatus, TeamRole
from registrations import services
from registrations.enums import RegistrationStatus
from registrations.models import Registration
from tests.factories import ConferenceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

CLOSED = "This conference is archived: registration is closed."


def archived_conference(**fields):
    return ConferenceFactory(status=ConferenceStatus.ARCHIVED, **fields)


def test_register_on_an_archived_conference_is_refused():
    conference = archived_conference()

    with pytest.raises(ValidationError) as refused:
        services.register(conference, full_name="Ana", email="ana@example.org", country="BR")

    assert refused.value.messages == [CLOSED]
    assert Registration.objects.filter(conference=conference).count() == 0


def test_register_outside_the_window_on_an_archived_conference_is_refused():
    conference = archived_conference()

    with pytest.raises(ValidationError) as refused:
        services.register(
            conference, full_name="Ana", email="ana@example.org", country="BR", outside_window=True
        )

    assert refused.value.messages == [CLOSED]


def test_registration_window_of_an_archived_conference_is_closed():
    window = services.registration_window(archived_conference())

    assert (window.is_open, window.message) == (False, CLOSED)


def test_register_page_of_an_archived_conference_says_closed_and_registers_nobody(client):
    conference = archived_conference()
    url = reverse("registrations:registration-create", kwargs={"slug": conference.slug})

    page = client.get(url)
    client.post(url, {"full_name": "Ana", "email": "ana@example.org", "country": "BR", "language": "en",
                      "role": "delegate"})  # fmt: skip

    assert page.status_code == 200
    assert page.context["window"].message == CLOSED
    assert CLOSED in page.content.decode()
    assert Registration.objects.filter(conference=conference).count() == 0


@pytest.fixture
def organizer(sign_in_team):
    return sign_in_team(TeamRole.ORGANIZER, conference__status=ConferenceStatus.ARCHIVED)


def test_import_into_an_archived_conference_adds_nobody(client, organizer):
    conference = organizer.conference
    data = b"Name,Email,Country\nAna,ana@example.org,BR\n"

    response = client.post(
        reverse("registrations:manage-registration-import", kwargs={"slug": conference.slug}),
        {"file": SimpleUploadedFile("people.csv", data)},
    )

    report = response.context["report"]
    assert report.added == 0
    assert [problem.message for problem in report.errors] == [CLOSED]
    assert Registration.objects.filter(conference=conference).count() == 0


def test_bulk_approve_on_an_archived_conference_confirms_nobody(client, organizer):
    conference = organizer.conference
    pending = RegistrationFactory(conference=conference, status=RegistrationStatus.PENDING)

    client.post(reverse("registrations:manage-registration-bulk", kwargs={"slug": conference.slug}),
                {"action": "approve", "registrations": [pending.pk]})  # fmt: skip

    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.PENDING


def test_cancelling_on_an_archived_conference_promotes_nobody(client, organizer):
    conference = organizer.conference
    conference.capacity = 1
    conference.save()
    confirmed = RegistrationFactory(conference=conference, status=RegistrationStatus.CONFIRMED)
    waiting = RegistrationFactory(conference=conference, status=RegistrationStatus.WAITLISTED)

    client.post(reverse("registrations:manage-registration-bulk", kwargs={"slug": conference.slug}),
                {"action": "cancel", "registrations": [confirmed.pk]})  # fmt: skip

    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert (confirmed.status, waiting.status) == (RegistrationStatus.CANCELLED, RegistrationStatus.WAITLISTED)
