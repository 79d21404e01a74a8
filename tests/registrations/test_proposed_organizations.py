"""A new organization typed on the public form stays on the registration until the team accepts it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.enums import TeamRole
from events.models import Organization
from registrations import exports, services
from registrations.models import Registration
from registrations.selectors import participation
from tests.factories import ConferenceFactory, MembershipFactory, OrganizationFactory, RegistrationFactory
from tests.registrations.test_views import form_data

pytestmark = pytest.mark.django_db


def test_public_registration_with_a_new_organization_creates_no_directory_entry(client):
    conference = ConferenceFactory()

    response = client.post(
        reverse("registrations:registration-create", kwargs={"slug": conference.slug}),
        form_data(organization_name="  Movimento Sem Terra ", organization_kind="movement"),
    )

    assert response.status_code == 302
    assert Organization.objects.count() == 0
    registration = Registration.objects.get()
    assert (registration.organization, registration.proposed_organization_name,
            registration.proposed_organization_kind) == (None, "Movimento Sem Terra", "movement")  # fmt: skip


def test_public_registration_naming_a_directory_entry_links_it(client):
    conference = ConferenceFactory()
    known = OrganizationFactory(name="Movimento Sem Terra", country="BR")

    client.post(
        reverse("registrations:registration-create", kwargs={"slug": conference.slug}),
        form_data(organization_name="movimento sem terra"),
    )

    registration = Registration.objects.get()
    assert (registration.organization, registration.proposed_organization_name) == (known, "")


def test_accept_proposed_organization_creates_the_entry_for_the_team_and_links_the_same_names():
    conference = ConferenceFactory()
    ana = RegistrationFactory(
        conference=conference,
        country="BR",
        proposed_organization_name="Movimento Sem Terra",
        proposed_organization_kind="movement",
    )
    ben = RegistrationFactory(
        conference=conference, country="BR", proposed_organization_name="movimento sem terra"
    )
    abroad = RegistrationFactory(
        conference=conference, country="PT", proposed_organization_name="Movimento Sem Terra"
    )

    organization = services.accept_proposed_organization(ana)

    assert (organization.name, organization.kind, organization.country.code) == (
        "Movimento Sem Terra",
        "movement",
        "BR",
    )
    assert organization.created_by_conference == conference
    for registration in (ana, ben, abroad):
        registration.refresh_from_db()
    assert (ana.organization, ana.proposed_organization_name) == (organization, "")
    assert (ben.organization, ben.proposed_organization_name) == (organization, "")
    assert (abroad.organization, abroad.proposed_organization_name) == (None, "Movimento Sem Terra")


def test_accept_proposed_organization_matches_an_entry_added_meanwhile():
    registration = RegistrationFactory(country="BR", proposed_organization_name="Movimento Sem Terra")
    known = OrganizationFactory(name="Movimento Sem-Terra", country="BR")

    assert services.accept_proposed_organization(registration) == known
    assert Organization.objects.count() == 1


def test_accept_proposed_organization_without_a_proposal_is_refused():
    registration = RegistrationFactory()

    with pytest.raises(ValidationError) as error:
        services.accept_proposed_organization(registration)

    assert error.value.messages == ["This registration names no organization outside the directory."]


def test_organizers_see_the_proposed_name_marked_and_accept_it(client):
    membership = MembershipFactory(role=TeamRole.ORGANIZER)
    conference = membership.conference
    registration = RegistrationFactory(conference=conference, country="BR", proposed_organization_name="MST")
    client.force_login(membership.user)
    accept = reverse(
        "registrations:manage-registration-accept-organization",
        kwargs={"slug": conference.slug, "pk": registration.pk},
    )

    page = client.get(reverse("registrations:manage-registration-list", kwargs={"slug": conference.slug}))
    response = client.post(accept)

    assert 'MST</bdi> <span class="badge">not in the directory</span>' in page.content.decode()
    assert f'formaction="{accept}"' in page.content.decode()
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.organization.created_by_conference == conference


def test_accepting_a_proposed_organization_of_another_conference_is_not_found(client):
    membership = MembershipFactory(role=TeamRole.ORGANIZER)
    theirs = RegistrationFactory(proposed_organization_name="MST")
    client.force_login(membership.user)

    response = client.post(
        reverse(
            "registrations:manage-registration-accept-organization",
            kwargs={"slug": membership.conference.slug, "pk": theirs.pk},
        )
    )

    assert response.status_code == 404
    assert Organization.objects.count() == 0


def test_a_viewer_cannot_accept_a_proposed_organization(client):
    membership = MembershipFactory(role=TeamRole.VIEWER)
    registration = RegistrationFactory(conference=membership.conference, proposed_organization_name="MST")
    client.force_login(membership.user)

    response = client.post(
        reverse(
            "registrations:manage-registration-accept-organization",
            kwargs={"slug": membership.conference.slug, "pk": registration.pk},
        )
    )

    assert response.status_code == 403
    assert Organization.objects.count() == 0


def test_exports_and_participation_show_the_proposed_organization():
    conference = ConferenceFactory()
    RegistrationFactory(
        conference=conference, proposed_organization_name="MST", proposed_organization_kind="movement"
    )
    RegistrationFactory(conference=conference)

    rows = list(exports.rows(conference.registrations.order_by("pk"), sensitive=False))
    figures = participation(conference)

    assert [(row[4], row[5]) for row in rows] == [("MST", "Movement"), ("", "")]
    assert sorted(figures.by_kind) == [("Individuals", 1, 0), ("Movement", 1, 1)]


def test_the_personal_link_shows_and_keeps_the_proposed_organization(client):
    conference = ConferenceFactory()
    registered = services.register(
        conference, full_name="Ana", email="ana@example.org", country="BR", new_organization_name="MST"
    )
    url = reverse("registrations:registration-detail", kwargs={"token": registered.token})

    page = client.get(url)
    client.post(url, form_data(organization_name="MST", organization_kind="movement", note="hi"))

    assert page.context["form"]["organization_name"].value() == "MST"
    registration = Registration.objects.get()
    assert (registration.organization, registration.proposed_organization_name, registration.note) == (
        None, "MST", "hi",
    )  # fmt: skip
    assert Organization.objects.count() == 0
