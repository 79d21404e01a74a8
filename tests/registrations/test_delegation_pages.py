"""The delegation's page for its contact, and the organizers' Delegations page, through the site."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.enums import OrganizationKind, TeamRole
from registrations.models import Delegation, DelegationQuota, Registration
from registrations.services import delegations
from tests.factories import ConferenceFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened():
    conference = ConferenceFactory(capacity=500)
    delegation, token = delegations.create_delegation(
        conference, organization=OrganizationFactory(name="Sendika"), contact_name="Deniz",
        contact_email="deniz@example.org", language="en",
    )  # fmt: skip
    return delegation, token


def lines(count: int, start: int = 0) -> str:
    return "\n".join(f"Delegate {n}, delegate{n}@example.org, TR" for n in range(start, start + count))


def test_the_contact_adds_delegates_and_sees_the_refused_lines_again_to_correct_them(client, opened):
    delegation, token = opened

    response = client.post(f"/d/{token}/", {"delegates": lines(2) + "\nBroken line\nAyşe, ayse@example, TR"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Line 3" in page and "Line 4" in page
    assert response.context["form"].initial["delegates"] == "Broken line\nAyşe, ayse@example, TR"
    assert delegation.delegates.count() == 2


def test_a_delegate_of_another_delegation_is_not_found_through_this_link(client, opened):
    _delegation, token = opened
    other, _other_token = delegations.create_delegation(
        ConferenceFactory(),
        organization=OrganizationFactory(),
        contact_name="X",
        contact_email="x@example.org",
    )
    stranger = delegations.add_delegate_list(other, "Omar, omar@example.org, LB").added[0].registration

    assert client.post(f"/d/{token}/delegates/{stranger.pk}/withdraw/").status_code == 404
    data = {"full_name": "Changed", "country": "FR", "role": "delegate"}
    assert client.post(f"/d/{token}/delegates/{stranger.pk}/", data).status_code == 404
    stranger.refresh_from_db()
    assert (stranger.full_name, stranger.status) == ("Omar", "confirmed")


def test_a_bad_change_is_refused_with_a_message_and_changes_nothing(client, opened):
    delegation, token = opened
    delegate = delegations.add_delegate_list(delegation, lines(1)).added[0].registration

    for data in [{"full_name": "", "country": "FR", "role": "delegate"},
                 {"full_name": "X", "country": "XX", "role": "delegate"},
                 {"full_name": "X", "country": "FR", "role": "press"},
                 {"full_name": "Line\nbreak", "country": "FR", "role": "delegate"}]:  # fmt: skip
        response = client.post(f"/d/{token}/delegates/{delegate.pk}/", data, follow=True)
        assert "Nothing was changed" in response.content.decode(), data
    delegate.refresh_from_db()
    assert (delegate.full_name, delegate.role) == ("Delegate 0", "delegate")


def test_the_delegation_page_costs_the_same_queries_at_5_and_50_delegates(client, opened):
    delegation, token = opened

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/d/{token}/").status_code == 200
        return len(captured)

    delegations.add_delegate_list(delegation, lines(5))
    small = queries()
    delegations.add_delegate_list(delegation, lines(45, start=5))
    assert delegation.delegates.count() == 50
    assert (small, queries()) == (4, 4)


def test_organizers_open_a_delegation_and_set_quotas_and_see_the_counts(client, sign_in_team):
    organizer = sign_in_team(TeamRole.ORGANIZER)
    conference = organizer.conference
    union = OrganizationFactory(name="Union of Teachers", kind=OrganizationKind.TRADE_UNION)
    slug = conference.slug

    opening = {
        "organization": union.pk,
        "contact_name": "Maria",
        "contact_email": "maria@example.org",
        "language": "es",
    }
    response = client.post(reverse("registrations:manage-delegation-create", kwargs={"slug": slug}), opening)
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    quotas = reverse("registrations:manage-quota-set", kwargs={"slug": slug})
    assert client.post(quotas, {"organization_kind": "trade_union", "seats": "2"}).status_code == 302
    assert (
        client.post(
            quotas, {"organization": union.pk, "organization_kind": "trade_union", "seats": "2"}
        ).status_code
        == 400
    )
    assert client.post(quotas, {"seats": "2"}).status_code == 400
    assert client.post(quotas, {"organization_kind": "trade_union", "seats": "-1"}).status_code == 400
    assert list(DelegationQuota.objects.values_list("organization_kind", "seats")) == [("trade_union", 2)]

    report = delegations.add_delegate_list(delegation, lines(3))
    assert len(report.added) == 2 and len(report.problems) == 1

    page = client.get(reverse("registrations:manage-delegation-list", kwargs={"slug": slug}))
    assert page.context["delegations"][0].confirmed == 2
    listed = client.get(reverse("registrations:manage-registration-list", kwargs={"slug": slug}),
                        {"delegation": delegation.pk})  # fmt: skip
    assert [registration.email for registration in listed.context["page"]] == [
        "delegate0@example.org", "delegate1@example.org"]  # fmt: skip
    assert "Union of Teachers (2)" in listed.content.decode()  # the count per organization


def test_a_viewer_sees_the_delegations_but_opens_none(client, sign_in_team):
    viewer = sign_in_team(TeamRole.VIEWER)
    slug = viewer.conference.slug

    assert (
        client.get(reverse("registrations:manage-delegation-list", kwargs={"slug": slug})).status_code == 200
    )
    response = client.post(reverse("registrations:manage-delegation-create", kwargs={"slug": slug}), {
        "organization": OrganizationFactory().pk, "contact_name": "M", "contact_email": "m@example.org",
        "language": "es"})  # fmt: skip
    assert response.status_code == 403
    assert not Delegation.objects.exists() and not Registration.objects.exists()


def test_the_contact_s_page_offers_the_open_roles_and_a_delegate_s_given_one(client, opened):
    delegation, token = opened
    delegation.conference.public_roles = ["delegate", "guest"]
    delegation.conference.save()
    [added] = delegations.add_delegate_list(delegation, "Ana Lima, ana@example.org, BR").added
    Registration.objects.filter(pk=added.registration.pk).update(role="press")

    page = client.get(f"/d/{token}/").content.decode()

    assert "optionally role (delegate, guest)" in page
    options = re.findall(
        r'<option value="(\w+)"( selected)?>', page.split(f'id="role-{added.registration.pk}"')[1]
    )
    assert options[:3] == [("delegate", ""), ("guest", ""), ("press", " selected")]
