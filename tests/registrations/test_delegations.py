"""Delegations: a contact adds several delegates at once, each a registration of their own, within the
seats and the organization's quota; what cannot be added is named, and the rest is kept."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from events.enums import InvitationAnswer, OrganizationKind
from events.services.invitations import new_link
from outbox.models import OutboxMessage
from registrations.enums import ParticipantRole, RegistrationStatus
from registrations.models import DelegationQuota, Registration
from registrations.services import delegations, register
from tests.factories import ConferenceFactory, InvitationFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

FIVE = """Ana Lima, ana@example.org, BR
Omar Haddad; omar@example.org; Lebanon; observer
Zeynep Kaya\tzeynep@example.org\tTR
Νίκος Παππάς, nikos@example.org, GR, delegate
Արամ Սարգսյան, aram@example.org, AM"""


@pytest.fixture
def delegation():
    conference = ConferenceFactory(capacity=100)
    party = OrganizationFactory(name="Partido de los Trabajadores", kind=OrganizationKind.PARTY, country="BR")
    made, _token = delegations.create_delegation(
        conference, organization=party, contact_name="Clara", contact_email="clara@example.org", language="pt"
    )
    return made


def test_five_delegates_at_once_are_five_registrations_of_the_organization_each_with_their_mail(delegation):
    report = delegations.add_delegate_list(delegation, FIVE)

    assert report.problems == []
    delegates = Registration.objects.filter(delegation=delegation).order_by("pk")
    assert [(r.full_name, r.country.code, r.role, r.status) for r in delegates] == [
        ("Ana Lima", "BR", "delegate", "confirmed"), ("Omar Haddad", "LB", "observer", "confirmed"),
        ("Zeynep Kaya", "TR", "delegate", "confirmed"), ("Νίκος Παππάς", "GR", "delegate", "confirmed"),
        ("Արամ Սարգսյան", "AM", "delegate", "confirmed"),
    ]  # fmt: skip
    assert {r.organization for r in delegates} == {delegation.organization}
    recipients = list(OutboxMessage.objects.values_list("recipient", flat=True))
    for address in [
        "ana@example.org",
        "omar@example.org",
        "zeynep@example.org",
        "nikos@example.org",
        "aram@example.org",
    ]:
        assert recipients.count(address) == 1  # their own confirmation, with their personal link
    [report_mail] = OutboxMessage.objects.filter(idempotency_key__startswith="delegation-report")
    assert "Omar Haddad <omar@example.org>" in report_mail.body_text


def test_a_malformed_line_is_named_and_the_good_lines_are_kept(delegation):
    text = (
        FIVE + "\nNo Email, , FR\nBad Country, bad@example.org, Atlantis\nPress, press@example.org, FR, press"
    )

    report = delegations.add_delegate_list(delegation, text)

    assert len(report.added) == 5
    assert [(problem.line, problem.name) for problem in report.problems] == [
        (6, "No Email"), (7, "Bad Country"), (8, "Press"),
    ]  # fmt: skip
    assert "Atlantis" in report.problems[1].message
    assert "press" in report.problems[2].message  # a role that carries trust is the organizers'


def test_a_delegate_already_registered_at_the_conference_is_refused_by_name(delegation):
    register(delegation.conference, full_name="Ana Lima", email="ana@example.org", country="BR")

    report = delegations.add_delegate_list(delegation, FIVE)

    assert [(problem.line, problem.name) for problem in report.problems] == [(1, "Ana Lima")]
    assert "registered already" in report.problems[0].message
    assert len(report.added) == 4


def test_the_quota_of_the_organization_comes_before_its_kinds(delegation):
    conference = delegation.conference
    DelegationQuota.objects.create(conference=conference, organization_kind=OrganizationKind.PARTY, seats=2)
    assert delegations.quota_for(delegation) == 2
    DelegationQuota.objects.create(conference=conference, organization=delegation.organization, seats=3)
    assert delegations.quota_for(delegation) == 3

    report = delegations.add_delegate_list(delegation, FIVE)

    assert len(report.added) == 3
    assert [problem.name for problem in report.problems] == ["Νίκος Παππάς", "Արամ Սարգսյան"]
    assert "may send 3 delegates" in report.problems[0].message


def test_a_delegation_that_does_not_fit_is_told_who_got_seats_and_who_waits(delegation):
    conference = delegation.conference
    conference.capacity = 3
    conference.save()

    report = delegations.add_delegate_list(delegation, FIVE)

    assert [item.registration.status for item in report.added] == ["confirmed"] * 3 + ["waitlisted"] * 2
    [report_mail] = OutboxMessage.objects.filter(idempotency_key__startswith="delegation-report")
    assert "Արամ Սարգսյան <aram@example.org>: Em lista de espera" in report_mail.body_text  # in Portuguese


def test_withdrawing_a_delegate_frees_their_seat_for_the_waiting_list(delegation):
    conference = delegation.conference
    conference.capacity = 4
    conference.save()
    report = delegations.add_delegate_list(delegation, FIVE)
    first, last = report.added[0].registration, report.added[-1].registration

    delegations.withdraw_delegate(delegation, first)

    first.refresh_from_db()
    last.refresh_from_db()
    assert (first.status, last.status) == (RegistrationStatus.CANCELLED, RegistrationStatus.CONFIRMED)


def test_changing_a_delegate_keeps_the_address_and_refuses_a_trusted_role(delegation):
    delegate = delegations.add_delegate_list(delegation, FIVE).added[0].registration

    delegations.change_delegate(
        delegation, delegate, full_name="Ana Lima Souza", country="PT", role="observer"
    )
    delegate.refresh_from_db()
    assert (delegate.full_name, delegate.country.code, delegate.role) == ("Ana Lima Souza", "PT", "observer")

    with pytest.raises(ValidationError):
        delegations.change_delegate(
            delegation, delegate, full_name="Ana", country="PT", role=ParticipantRole.PRESS
        )


def test_a_delegate_of_another_delegation_cannot_be_changed_or_withdrawn(delegation):
    other, _token = delegations.create_delegation(
        delegation.conference,
        organization=OrganizationFactory(),
        contact_name="X",
        contact_email="x@example.org",
    )
    stranger = delegations.add_delegate_list(other, "Omar Haddad, omar@example.org, LB").added[0].registration

    with pytest.raises(ValidationError):
        delegations.withdraw_delegate(delegation, stranger)
    with pytest.raises(ValidationError):
        delegations.change_delegate(delegation, stranger, full_name="Y", country="LB", role="delegate")


def test_after_the_deadline_nothing_is_added_changed_or_withdrawn(delegation):
    conference = delegation.conference
    conference.delegations_close_at = timezone.now() - timedelta(minutes=1)
    conference.save()

    with pytest.raises(ValidationError, match="delegations closed"):
        delegations.add_delegate_list(delegation, FIVE)
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The delegations closed on June 24, 2022, 6 p.m."),
        ("fr", "Les délégations ont été closes le 24 juin 2022 18:00."),
    ],
)
def test_the_delegations_deadline_is_one_sentence_with_one_full_stop(language, message):
    """English ends the time with an abbreviation's full stop ("6 p.m."), French does not ("18:00"):
    each message ends with exactly one."""
    conference = ConferenceFactory(
        timezone="Europe/Istanbul", delegations_close_at=datetime(2022, 6, 24, 15, 0, tzinfo=UTC)
    )

    with translation.override(language):
        window = delegations.delegation_window(conference, now=datetime(2022, 7, 1, tzinfo=UTC))

    assert window.message == message


def test_an_accepted_invitation_makes_its_invitee_the_contact_of_the_organizations_delegation(client):
    conference = ConferenceFactory()
    invitation = InvitationFactory(conference=conference, organization=OrganizationFactory(), name="Clara",
                                   answer=InvitationAnswer.ACCEPTED, email="clara@example.org")  # fmt: skip
    token = invitation_token(invitation)

    response = client.post(f"/i/{token}/delegation/")

    assert response.status_code == 302 and response["Location"].startswith("/d/")
    delegation = conference.delegations.get()
    assert (delegation.organization, delegation.contact_email) == (
        invitation.organization,
        "clara@example.org",
    )
    assert client.get(response["Location"]).status_code == 200


def test_a_pending_invitation_or_one_without_organization_makes_no_delegation(client):
    pending = InvitationFactory(organization=OrganizationFactory())
    alone = InvitationFactory(answer=InvitationAnswer.ACCEPTED)

    assert client.post(f"/i/{invitation_token(pending)}/delegation/").status_code == 404
    assert client.post(f"/i/{invitation_token(alone)}/delegation/").status_code == 404
    assert client.get("/d/no-such-token/").status_code == 404


def invitation_token(invitation) -> str:
    token, link = new_link(invitation)
    link.save()
    return token


def test_a_delegation_gives_the_roles_its_conference_opened_and_no_other(delegation):
    conference = delegation.conference
    conference.public_roles = ["delegate", "guest"]
    conference.save()

    report = delegations.add_delegate_list(
        delegation, "Ana Lima, ana@example.org, BR, guest\nOmar Haddad, omar@example.org, LB, observer"
    )
    [ana] = [added.registration for added in report.added]
    with pytest.raises(ValidationError) as refused:
        delegations.change_delegate(delegation, ana, full_name="Ana Lima", country="BR", role="observer")

    assert ana.role == "guest"
    assert [(problem.name, problem.message) for problem in report.problems] == [
        ("Omar Haddad", 'the role must be one open on the form (delegate, guest), not "observer"')
    ]
    assert refused.value.message_dict == {"role": ["The role must be one open on the form: delegate, guest."]}


def test_a_delegate_keeps_a_role_the_organizers_gave(delegation):
    [added] = delegations.add_delegate_list(delegation, "Ana Lima, ana@example.org, BR").added
    ana = added.registration
    ana.role = ParticipantRole.PRESS
    ana.save()

    changed = delegations.change_delegate(
        delegation, ana, full_name="Ana Lima Souza", country="BR", role="press"
    )

    assert (changed.full_name, changed.role) == ("Ana Lima Souza", "press")


def test_the_participation_page_counts_organizations_by_kind_and_country_beside_people(client):
    conference = ConferenceFactory()
    union = OrganizationFactory(kind=OrganizationKind.TRADE_UNION, country="TR")
    party = OrganizationFactory(kind=OrganizationKind.PARTY, country="BR")
    for address, organization in [("a@example.org", union), ("b@example.org", union), ("c@x.org", party)]:
        register(conference, full_name="P", email=address, country="TR", organization=organization)
    # One movement typed twice, not in the directory:
    for address, typed in [("d@example.org", "Νέα Κίνηση"), ("e@example.org", "νέα κίνηση")]:
        register(conference, full_name="Q", email=address, country="GR", new_organization_name=typed,
                 new_organization_kind=OrganizationKind.MOVEMENT)  # fmt: skip
    register(conference, full_name="Alone", email="f@example.org", country="FR")

    page = client.get(f"/c/{conference.slug}/participation/")

    figures = page.context["figures"]
    assert (figures.organizations, figures.organization_countries) == (3, 3)
    assert "3 organizations from 3 countries" in page.content.decode()
    assert sorted(figures.by_kind) == [("Individuals", 1, 0), ("Movement", 2, 1), ("Party", 1, 1),
                                       ("Trade union", 2, 1)]  # fmt: skip
