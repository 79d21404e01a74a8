"""The public form trusts the public with nothing it should not have: the directory, trusted roles."""

import pytest
from django.urls import reverse

from events.enums import TeamRole
from events.models import ConferenceOrganizer
from registrations.models import Registration
from tests.factories import ConferenceFactory, MembershipFactory, OrganizationFactory, RegistrationFactory
from tests.registrations.test_views import form_data

pytestmark = pytest.mark.django_db


def suggestions(client, conference, typed: str):
    url = reverse("registrations:organization-suggestions", kwargs={"slug": conference.slug})
    return client.get(url, {"organization_name": typed})


@pytest.fixture
def conference():
    return ConferenceFactory()


def test_suggestions_for_two_characters_are_empty(client, conference):
    frente = OrganizationFactory(name="Frente Amplio", country="UY", contact_email="info@frente.example")
    ConferenceOrganizer.objects.create(conference=conference, organization=frente)

    response = suggestions(client, conference, "fr")

    assert response.status_code == 200
    assert response.content.decode().strip() == ""


def test_suggestions_do_not_list_a_directory_entry_not_public_on_the_conference(client, conference):
    OrganizationFactory(name="Frente Amplio", country="UY")
    elsewhere = OrganizationFactory(name="Frente Popular", country="AR")
    ConferenceOrganizer.objects.create(conference=ConferenceFactory(), organization=elsewhere)
    hidden = OrganizationFactory(name="Frente Oculto", country="CL")
    RegistrationFactory(conference=conference, organization=hidden, public_name=False)
    pending = OrganizationFactory(name="Frente Pendiente", country="PE")
    RegistrationFactory(conference=conference, organization=pending, public_name=True, status="pending")

    response = suggestions(client, conference, "fre")

    assert response.content.decode().strip() == ""


def test_suggestions_list_co_organizers_and_organizations_of_listed_confirmed_participants(
    client, conference
):
    frente = OrganizationFactory(name="Frente Amplio", country="UY", contact_email="info@frente.example")
    ConferenceOrganizer.objects.create(conference=conference, organization=frente)
    listed = OrganizationFactory(name="Frente Obrero", country="BO", contact_email="obrero@frente.example")
    RegistrationFactory(conference=conference, organization=listed, public_name=True)
    RegistrationFactory(conference=conference, organization=listed, public_name=True)

    answer = suggestions(client, conference, "frente").content.decode()

    assert answer.strip() == (
        '<option value="Frente Amplio">Frente Amplio (UY)</option>'
        '<option value="Frente Obrero">Frente Obrero (BO)</option>'
    )
    assert "@" not in answer


def test_suggestions_over_the_rate_limit_answer_empty_without_error(client, conference, settings):
    settings.ORGANIZATION_SUGGESTIONS_RATE_LIMIT = "2/m"
    frente = OrganizationFactory(name="Frente Amplio", country="UY")
    ConferenceOrganizer.objects.create(conference=conference, organization=frente)

    answers = [suggestions(client, conference, "frente") for _attempt in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert answers[2].content.decode().strip() == ""


def test_public_form_offers_delegate_and_observer_only(client, conference):
    response = client.get(reverse("registrations:registration-create", kwargs={"slug": conference.slug}))

    assert [value for value, _label in response.context["form"].fields["role"].choices] == [
        "delegate",
        "observer",
    ]


@pytest.mark.parametrize("role", ["speaker", "press"])
def test_public_form_refuses_a_forged_trusted_role(client, conference, role):
    response = client.post(
        reverse("registrations:registration-create", kwargs={"slug": conference.slug}), form_data(role=role)
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["role"]
    assert Registration.objects.count() == 0


def test_public_form_accepts_observer(client, conference):
    response = client.post(
        reverse("registrations:registration-create", kwargs={"slug": conference.slug}),
        form_data(role="observer"),
    )

    assert response.status_code == 302
    assert Registration.objects.get().role == "observer"


def test_organizers_give_a_trusted_role_to_the_ticked_registrations(client):

    membership = MembershipFactory(role=TeamRole.ORGANIZER)
    ana = RegistrationFactory(conference=membership.conference, role="delegate")
    ben = RegistrationFactory(conference=membership.conference, role="delegate")
    client.force_login(membership.user)
    url = reverse("registrations:manage-registration-bulk", kwargs={"slug": membership.conference.slug})

    page = client.get(
        reverse("registrations:manage-registration-list", kwargs={"slug": membership.conference.slug})
    )
    response = client.post(url, {"action": "role-speaker", "registrations": [ana.pk]})

    assert '<option value="role-press">Press</option>' in page.content.decode()
    assert response.status_code == 302
    ana.refresh_from_db()
    ben.refresh_from_db()
    assert (ana.role, ben.role) == ("speaker", "delegate")


def test_the_public_form_offers_only_the_roles_the_organizers_opened(client):
    conference = ConferenceFactory(public_roles=["observer", "guest"])
    url = reverse("registrations:registration-create", kwargs={"slug": conference.slug})

    form = client.get(url).context["form"]
    refused = client.post(url, form_data(role="delegate"))
    accepted = client.post(url, form_data(role="guest"))

    assert form.fields["role"].choices == [("observer", "Observer"), ("guest", "Guest")]
    assert form["role"].value() == "observer"  # the first open one, since delegate is not
    assert refused.status_code == 400
    assert refused.context["form"].errors == {
        "role": ["This role is not open on the form: the organizers give it."]
    }
    assert accepted.status_code == 302
    assert Registration.objects.get().role == "guest"


def test_a_conference_naming_no_role_offers_the_default_ones(client):
    conference = ConferenceFactory(public_roles=["chairman"])

    form = client.get(reverse("registrations:registration-create", kwargs={"slug": conference.slug})).context[
        "form"
    ]

    assert [value for value, _label in form.fields["role"].choices] == ["delegate", "observer"]
