from datetime import date, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.models import User
from events.enums import ConferenceStatus, MeetingStatus, TeamRole
from events.models import ConferenceMembership, Organization
from events.services import conferences, meetings, organizations, team
from outbox.models import OutboxMessage
from tests.factories import (
    ConferenceFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_create_conference_makes_a_draft_owned_by_its_creator():
    creator = UserFactory()

    conference = conferences.create_conference(
        created_by=creator,
        title="Conférence internationale",
        starts_on=date(2027, 6, 5),
        ends_on=date(2027, 6, 6),
    )

    assert (conference.slug, conference.status) == ("conference-internationale", ConferenceStatus.DRAFT)
    assert list(conference.memberships.values_list("user", "role")) == [(creator.pk, TeamRole.OWNER)]


def test_create_conference_picks_a_free_slug():
    ConferenceFactory(slug="international-conference")

    conference = conferences.create_conference(
        created_by=UserFactory(),
        title="International Conference",
        starts_on=date(2027, 1, 1),
        ends_on=date(2027, 1, 1),
    )

    assert conference.slug == "international-conference-2"


def test_create_conference_ending_before_it_starts_is_refused_and_nothing_saved():
    with pytest.raises(ValidationError) as raised:
        conferences.create_conference(
            created_by=UserFactory(), title="Backwards", starts_on=date(2027, 6, 6), ends_on=date(2027, 6, 5)
        )

    assert list(raised.value.message_dict) == ["ends_on"]
    assert ConferenceMembership.objects.count() == 0


def test_publish_lists_what_is_missing():
    conference = ConferenceFactory(status=ConferenceStatus.DRAFT, description="")

    with pytest.raises(ValidationError) as raised:
        conferences.publish_conference(conference)

    assert raised.value.messages == ["Before publishing, add: A description, At least one co-organizer."]
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.DRAFT


def test_publish_with_everything_in_place():
    conference = ConferenceFactory(status=ConferenceStatus.DRAFT, description="Two days of work.")
    conferences.add_co_organizer(conference, organization=OrganizationFactory())

    conferences.publish_conference(conference)

    assert [item.done for item in conferences.publish_checklist(conference)] == [True, True, True]
    assert conference.status == ConferenceStatus.PUBLISHED


def test_co_organizers_keep_their_order_and_can_be_moved():
    conference = ConferenceFactory()
    first, second, third = OrganizationFactory.create_batch(3)
    for organization in (first, second, third):
        conferences.add_co_organizer(conference, organization=organization)

    conferences.move_co_organizer(conference.co_organizers.get(organization=third), up=True)

    assert [item.organization for item in conference.co_organizers.all()] == [first, third, second]


def test_the_same_co_organizer_twice_is_refused():
    conference, organization = ConferenceFactory(), OrganizationFactory()
    conferences.add_co_organizer(conference, organization=organization)

    with pytest.raises(ValidationError):
        conferences.add_co_organizer(conference, organization=organization)


def test_add_team_member_creates_an_account_and_mails_the_invitation(django_capture_on_commit_callbacks):
    conference = ConferenceFactory(title="Second conference")
    owner = MembershipFactory(conference=conference, role=TeamRole.OWNER).user

    with django_capture_on_commit_callbacks(execute=True):
        membership = team.add_team_member(
            conference,
            email="New.Person@Example.org",
            role=TeamRole.VIEWER,
            added_by=owner,
            full_name="New Person",
        )

    user = User.objects.get(email="new.person@example.org")
    assert (membership.user, membership.role, user.has_usable_password()) == (user, TeamRole.VIEWER, False)
    assert EmailAddress.objects.get(user=user).verified is False
    [message] = mail.outbox
    assert message.to == ["New Person <new.person@example.org>"]
    assert message.subject == "You are on the team of Second conference"
    assert message.from_email == "Second conference <noreply@127.0.0.1>"
    assert message.reply_to == [owner.email]
    assert "/accounts/login/code/" in message.body


def test_add_team_member_links_an_existing_account_by_any_of_its_addresses(
    django_capture_on_commit_callbacks,
):
    conference = ConferenceFactory()
    owner = MembershipFactory(conference=conference, role=TeamRole.OWNER).user
    existing = UserFactory(email="primary@example.org")
    EmailAddress.objects.create(user=existing, email="second@example.org", verified=True)

    with django_capture_on_commit_callbacks(execute=True):
        membership = team.add_team_member(
            conference, email="second@example.org", role=TeamRole.ORGANIZER, added_by=owner
        )

    assert membership.user == existing
    assert User.objects.count() == 2
    assert "/accounts/login/code/" not in mail.outbox[0].body


def test_adding_someone_already_on_the_team_is_refused():
    membership = MembershipFactory()

    with pytest.raises(ValidationError) as raised:
        team.add_team_member(
            membership.conference, email=membership.user.email, role=TeamRole.VIEWER, added_by=membership.user
        )

    assert list(raised.value.message_dict) == ["email"]


def test_the_last_owner_can_be_neither_demoted_nor_removed():
    owner = MembershipFactory(role=TeamRole.OWNER)

    with pytest.raises(ValidationError):
        team.change_team_role(owner, role=TeamRole.VIEWER)
    with pytest.raises(ValidationError):
        team.remove_team_member(owner)

    owner.refresh_from_db()
    assert owner.role == TeamRole.OWNER


def test_an_owner_can_step_down_when_another_owner_remains():
    owner = MembershipFactory(role=TeamRole.OWNER)
    MembershipFactory(conference=owner.conference, role=TeamRole.OWNER)

    team.change_team_role(owner, role=TeamRole.ORGANIZER)

    owner.refresh_from_db()
    assert owner.role == TeamRole.ORGANIZER


def test_meeting_sequence_grows_only_when_time_place_or_status_change():
    meeting = MeetingFactory(place="Online", agenda="1. Call the conference")

    meetings.update_meeting(meeting, agenda="1. Call the conference\n2. Date")
    after_agenda = meeting.sequence
    meetings.update_meeting(
        meeting,
        starts_at=meeting.starts_at + timedelta(hours=1),
        ends_at=meeting.ends_at + timedelta(hours=1),
    )
    after_move = meeting.sequence
    meetings.cancel_meeting(meeting)

    assert (after_agenda, after_move, meeting.sequence, meeting.status) == (0, 1, 2, MeetingStatus.CANCELLED)


def test_meeting_ending_before_it_starts_is_refused():
    meeting = MeetingFactory()

    with pytest.raises(ValidationError) as raised:
        meetings.update_meeting(meeting, ends_at=meeting.starts_at - timedelta(minutes=1))

    assert list(raised.value.message_dict) == ["ends_at"]
    meeting.refresh_from_db()
    assert meeting.ends_at > meeting.starts_at


def test_inviting_to_a_meeting_links_the_account_and_refuses_the_same_address_twice():
    meeting = MeetingFactory()
    person = UserFactory(email="delegate@example.org")

    participant = meetings.invite_to_meeting(meeting, name="Delegate", email="Delegate@example.org")

    assert (participant.email, participant.user) == ("delegate@example.org", person)
    with pytest.raises(ValidationError):
        meetings.invite_to_meeting(meeting, name="Again", email="DELEGATE@example.org")


@pytest.mark.parametrize(
    ("existing", "new"),
    [
        ("Partido dos Trabalhadores", "partido  dos trabalhadores."),
        ("Emek Partisi", "EMEK PARTİSİ"),
        ("Union Générale", "union generale"),
    ],
)
def test_organization_with_the_same_normalized_name_in_the_same_country_is_a_duplicate(existing, new):
    OrganizationFactory(name=existing, country="BR")

    with pytest.raises(ValidationError):
        organizations.create_organization(name=new, kind="party", country="BR")

    assert organizations.create_organization(name=new, kind="party", country="PT").country == "PT"
    assert Organization.objects.count() == 2


def test_an_unverified_account_in_someone_elses_name_loses_its_password_when_put_on_a_team():
    """Someone signs up as the future teammate and never verifies: being added must not give them the seat."""
    squatter = UserFactory(email="victim@example.org", verified=False)
    EmailAddress.objects.create(user=squatter, email="victim@example.org", primary=True, verified=False)
    conference = ConferenceFactory()
    owner = MembershipFactory(conference=conference, role=TeamRole.OWNER).user

    membership = team.add_team_member(
        conference, email="victim@example.org", role=TeamRole.ORGANIZER, added_by=owner
    )

    membership.user.refresh_from_db()
    assert membership.user == squatter
    assert membership.user.has_usable_password() is False


@pytest.mark.parametrize(
    ("fields", "moved", "seats_added"),
    [
        ({"tagline": "New words, same dates"}, False, False),
        ({"venue": "Volkshaus"}, True, False),
        ({"capacity": 80}, False, True),
        ({"capacity": None}, False, True),
        ({"capacity": 40}, False, False),
    ],
)
def test_update_conference_says_what_follows_and_queues_nothing_itself(fields, moved, seats_added):
    conference = ConferenceFactory(capacity=50)
    sequence = conference.sequence

    change = conferences.update_conference(conference, **fields)

    assert (change.moved, change.seats_added) == (moved, seats_added)
    conference.refresh_from_db()
    assert conference.sequence == sequence + moved
    assert (
        not OutboxMessage.objects.exists()
    )  # the registrations' part is registrations.services.change_conference
