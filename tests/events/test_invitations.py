import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from events import selectors
from events.enums import InvitationAnswer, TeamRole
from events.models import Invitation
from events.services.invitations import answer_invitation, invite
from outbox.models import OutboxMessage
from registrations import services as registration_services
from tests.factories import ConferenceFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def link_in(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/i/[\w-]+/)", message.body).group(1)


@pytest.fixture
def invited(django_capture_on_commit_callbacks):
    conference = ConferenceFactory(title="Conference", starts_on=date.today() + timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):
        invitation, created = invite(conference, email="Delegate@Example.org", name="Delegate", language="en")
    assert created
    [message] = mail.outbox
    return invitation, link_in(message)


def test_the_link_carries_the_token_and_only_its_hash_is_stored(invited):
    invitation, link = invited
    token = link.split("/")[2]

    assert len(token) >= 43  # 32 random bytes
    assert token not in repr(list(Invitation.objects.values_list()))
    assert invitation.email == "delegate@example.org"
    row = OutboxMessage.objects.get()
    assert (row.status, token in row.body_text, row.redactions) == ("sent", False, [])
    assert "/i/[redacted]/" in row.body_text


def test_the_same_address_is_invited_once(invited, django_capture_on_commit_callbacks):
    invitation, _link = invited

    with django_capture_on_commit_callbacks(execute=True):
        again, created = invite(invitation.conference, email="DELEGATE@example.org")

    assert (again, created, len(mail.outbox)) == (invitation, False, 1)


def test_opening_the_link_changes_nothing_and_answering_twice_changes_the_answer(client, invited):
    invitation, link = invited

    shown = client.get(link)
    client.post(link, {"answer": "accepted"})
    client.post(link, {"answer": "declined", "message": "We cannot travel."})

    invitation.refresh_from_db()
    assert shown.status_code == 200
    assert shown["Referrer-Policy"] == "same-origin"
    assert (invitation.answer, invitation.answer_message) == (InvitationAnswer.DECLINED, "We cannot travel.")
    assert Invitation.objects.count() == 1


def test_an_answer_that_is_not_offered_is_refused(client, invited):
    invitation, link = invited

    response = client.post(link, {"answer": "pending"})

    assert list(response.context["form"].errors) == ["answer"]
    invitation.refresh_from_db()
    assert invitation.answer == InvitationAnswer.PENDING


@pytest.mark.parametrize(
    "tamper", [lambda link: link[:-3] + "xx/", lambda link: "/i/" + "a" * 200 + "/", lambda link: "/i/%00/"]
)
def test_a_tampered_or_unknown_link_reveals_nothing(client, invited, tamper):
    response = client.get(tamper(invited[1]))

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert "Conference" not in response.content.decode().split("<main", 1)[1]


def test_an_expired_link_reveals_nothing(client, invited):
    invitation, link = invited
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert client.post(link, {"answer": "accepted"}).status_code == 404
    invitation.refresh_from_db()
    assert invitation.answer == InvitationAnswer.PENDING


def test_an_organizer_invites_from_the_workspace_and_sees_the_answers(
    client, django_capture_on_commit_callbacks
):
    membership = MembershipFactory(role=TeamRole.ORGANIZER)
    client.force_login(membership.user)
    url = reverse("events:manage-invitation-create", kwargs={"slug": membership.conference.slug})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"email": "ana@example.org", "name": "Ana", "country": "BR", "language": "pt"})
    response = client.get(
        reverse("events:manage-invitation-list", kwargs={"slug": membership.conference.slug})
    )

    [invitation] = response.context["invitations"]
    assert (invitation.email, invitation.country.code, invitation.language) == ("ana@example.org", "BR", "pt")
    assert response.context["summary"]["by_answer"] == {"pending": 1}
    assert OutboxMessage.objects.get().language == "pt"  # rendered in the invitee's language


def test_answers_are_counted_by_country_and_kind(client, django_capture_on_commit_callbacks):

    conference = ConferenceFactory()
    union = OrganizationFactory(kind="trade_union", country="GR")
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = invite(conference, email="a@example.org", country="GR", organization=union)
        invite(conference, email="b@example.org", country="GR")
        invite(conference, email="c@example.org", country="BR")
    answer_invitation(first, answer="accepted")

    summary = selectors.invitation_summary(conference)

    assert summary["by_answer"] == {"accepted": 1, "pending": 2}
    assert summary["by_country"] == {"Brazil": {"pending": 1}, "Greece": {"accepted": 1, "pending": 1}}
    assert summary["by_kind"] == {"Trade union": {"accepted": 1}, "—": {"pending": 2}}


def test_inviting_to_a_conference_that_is_over_is_refused():

    last_week = date.today() - timedelta(days=7)
    over = ConferenceFactory(starts_on=last_week, ends_on=last_week)

    with pytest.raises(ValidationError) as raised:
        invite(over, email="late@example.org")

    assert raised.value.messages == ["The conference is over: an invitation to it would expire at once."]
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize("count", [3, 30])
def test_the_invitation_list_costs_the_same_queries_for_3_and_for_30_invitations(
    client, organizer, django_assert_num_queries, count
):
    conference = organizer.conference
    answers = list(InvitationAnswer)
    for number in range(count):
        invitation = Invitation.objects.create(
            conference=conference, email=f"p{number}@example.org", name=f"P {number}", language="en",
            country=["GR", "BR", ""][number % 3], answer=answers[number % len(answers)],
            organization=OrganizationFactory(kind="trade_union") if number % 2 else None,
            expires_at=timezone.now() + timedelta(days=30),
        )  # fmt: skip
        if number % 3 == 0:  # registered through the invitation, and some cancelled since
            registered = registration_services.register(
                conference, full_name=f"P {number}", email=f"p{number}@example.org", country="GR",
                invitation=invitation,
            )  # fmt: skip
            if number % 2:
                registration_services.cancel(registered.registration)

    # session, user, membership with its conference, the answers in all, by country and by kind, the
    # form's choice of organizations, the invitations with theirs, their registrations
    with django_assert_num_queries(9):
        response = client.get(reverse("events:manage-invitation-list", kwargs={"slug": conference.slug}))

    assert len(response.context["invitations"]) == count


def test_the_invitation_list_shows_the_registration_of_an_invitee_who_registered_then_cancelled(
    client, django_capture_on_commit_callbacks
):
    membership = MembershipFactory(role=TeamRole.VIEWER)
    conference = membership.conference
    with django_capture_on_commit_callbacks(execute=True):
        invitation, _created = invite(conference, email="ana@example.org", name="Ana Lima", language="en")
        still, _created = invite(conference, email="ben@example.org", name="Ben Okri", language="en")
    answer_invitation(invitation, answer="accepted")
    answer_invitation(still, answer="accepted")
    registered = registration_services.register(
        conference, full_name="Ana Lima", email="ana@example.org", country="BR", invitation=invitation
    )
    registration_services.register(
        conference, full_name="Ben Okri", email="ben@example.org", country="NG", invitation=still
    )
    registration_services.cancel(registered.registration)
    client.force_login(membership.user)

    response = client.get(reverse("events:manage-invitation-list", kwargs={"slug": conference.slug}))

    rows = {
        row.name: (row.get_answer_display(), row.registration and row.registration.get_status_display())
        for row in response.context["invitations"]
    }
    assert rows == {"Ana Lima": ("Accepted", "Cancelled"), "Ben Okri": ("Accepted", "Confirmed")}
    cells = re.findall(r"<td>(Accepted.*?)</td>", response.content.decode(), re.S)
    assert [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells] == [
        "Accepted Registration: Confirmed",
        "Accepted Registration: Cancelled",
    ]


def test_the_invitee_chooses_an_answer_in_their_own_words_and_reads_it_back_as_a_state(client, invited):
    _invitation, link = invited

    offered = client.get(link, HTTP_ACCEPT_LANGUAGE="fr").context["form"]["answer"]
    client.post(link, {"answer": "accepted"})
    answered = client.get(link, HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert [str(choice.choice_label) for choice in offered] == ["J\u2019accepte", "Je décline", "Peut-être"]
    assert "Votre réponse\u00a0: Acceptée." in answered
