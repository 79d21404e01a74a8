"""Changes to a directory entry proposed to site staff, and their acceptance through the admin."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.models import Organization
from events.services.organizations import accept_proposal, propose_organization_change, refuse_proposal
from tests.factories import ConferenceFactory, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposer():
    return MembershipFactory().user


def test_propose_organization_change_keeps_only_what_differs_and_changes_nothing(proposer):
    entry = OrganizationFactory(name="Entry", country="IT", languages=["it"])

    proposal = propose_organization_change(
        entry, proposed_by=proposer, name="Entry", country="FR", languages=["it", "fr"], website=""
    )

    entry.refresh_from_db()
    assert proposal.changes == {"country": "FR", "languages": ["it", "fr"]}
    assert (entry.country.code, entry.languages) == ("IT", ["it"])


def test_propose_organization_change_refuses_a_duplicate_name_at_once(proposer):
    OrganizationFactory(name="Taken", country="IT")
    entry = OrganizationFactory(name="Entry", country="IT")

    with pytest.raises(ValidationError) as error:
        propose_organization_change(entry, proposed_by=proposer, name="TAKEN")

    assert error.value.message_dict == {"name": ["Taken (IT) is already in the directory."]}
    assert entry.proposals.count() == 0


def test_propose_organization_change_without_a_change_is_refused(proposer):
    entry = OrganizationFactory(name="Entry")

    with pytest.raises(ValidationError) as error:
        propose_organization_change(entry, proposed_by=proposer, name="Entry")

    assert error.value.messages == ["The proposal changes nothing."]


def test_accept_proposal_applies_it_in_the_history_under_the_staff_member(proposer):
    staff = UserFactory(is_staff=True)
    entry = OrganizationFactory(name="Entry", website="https://old.example")
    proposal = propose_organization_change(entry, proposed_by=proposer, website="https://new.example")

    accept_proposal(proposal, decided_by=staff)

    entry.refresh_from_db()
    proposal.refresh_from_db()
    assert entry.website == "https://new.example"
    assert (proposal.status, proposal.decided_by) == ("accepted", staff)
    latest = entry.history.first()
    assert (latest.website, latest.history_user, latest.history_type) == ("https://new.example", staff, "~")


def test_accept_proposal_twice_is_refused(proposer):
    staff = UserFactory(is_staff=True)
    proposal = propose_organization_change(
        OrganizationFactory(), proposed_by=proposer, website="https://a.example"
    )
    accept_proposal(proposal, decided_by=staff)

    with pytest.raises(ValidationError) as error:
        refuse_proposal(proposal, decided_by=staff)

    assert error.value.messages == ["This proposal was already decided."]


def test_refuse_proposal_leaves_the_entry_as_it_is(proposer):
    staff = UserFactory(is_staff=True)
    entry = OrganizationFactory(website="https://old.example")
    proposal = propose_organization_change(entry, proposed_by=proposer, website="https://new.example")

    refuse_proposal(proposal, decided_by=staff)

    entry.refresh_from_db()
    proposal.refresh_from_db()
    assert (entry.website, proposal.status) == ("https://old.example", "refused")


def test_staff_accept_a_proposal_with_the_admin_action_and_the_history_shows_it(
    admin_client, admin_user, proposer
):
    entry = OrganizationFactory(name="Entry", website="https://old.example")
    proposal = propose_organization_change(entry, proposed_by=proposer, website="https://new.example")

    response = admin_client.post(
        reverse("admin:events_organizationchangeproposal_changelist"),
        {"action": "accept", "_selected_action": [proposal.pk]},
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.website == "https://new.example"
    assert entry.history.first().history_user == admin_user
    history = admin_client.get(reverse("admin:events_organization_history", args=[entry.pk]))
    assert "https://new.example" in history.content.decode()


def test_co_organizer_added_as_a_new_entry_records_the_team(client):
    membership = MembershipFactory(role="owner")
    client.force_login(membership.user)

    client.post(
        reverse("events:manage-co-organizer-add", kwargs={"slug": membership.conference.slug}),
        {"new_name": "Brand New", "new_kind": "party", "new_country": "IT"},
    )

    assert Organization.objects.get().created_by_conference == membership.conference


def test_contact_addresses_never_appear_on_the_public_conference_page(client):
    conference = ConferenceFactory()
    organization = OrganizationFactory(name="Frente", contact_email="secret@frente.example")
    conference.co_organizers.create(organization=organization)

    page = client.get(conference.get_absolute_url())

    assert page.status_code == 200
    assert "Frente" in page.content.decode()
    assert "secret@frente.example" not in page.content.decode()
