"""The declaration's pages: who may read, who may amend, what the organizers record, what is published."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.enums import TeamRole
from outbox.models import OutboxMessage
from proceedings.enums import AmendmentOutcome
from proceedings.models import Amendment
from proceedings.services import amendments
from proceedings.services import declarations as service
from registrations.enums import ParticipantRole
from tests.factories import ConferenceFactory, MembershipFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

DRAFT = "**1. Against the war.** One.\n\n**2. For peace.** Two <script>alert(1)</script>.\n\n**3.** Three."


@pytest.fixture
def declaration():
    declaration = service.create_declaration(
        ConferenceFactory(), title="Declaration", language="en", text=DRAFT
    )
    now = timezone.now()
    return amendments.set_window(
        declaration, opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=1)
    )


def person(conference, role):
    """A signed-up user with a confirmed registration of that role under their verified address."""
    user = UserFactory()
    RegistrationFactory(conference=conference, email=user.email.upper(), role=role, full_name="Rosa Ortiz")
    return user


def url(name, declaration, **kwargs) -> str:
    return reverse(
        f"proceedings:{name}", kwargs={"slug": declaration.conference.slug, "pk": declaration.pk, **kwargs}
    )


def test_a_delegate_proposes_an_amendment_to_a_paragraph(client, declaration):
    client.force_login(person(declaration.conference, ParticipantRole.DELEGATE))

    form = client.get(url("amendment-propose", declaration), {"paragraph": "2"})
    proposal = {"paragraph_number": "2", "kind": "replace", "text": "**2. Peace.**", "rationale": "Clearer."}
    response = client.post(url("amendment-propose", declaration), proposal)

    assert form.status_code == 200 and 'value="2" selected' in form.content.decode()
    assert response.status_code == 302
    amendment = Amendment.objects.get()
    assert (amendment.paragraph_number, amendment.proposer_name, amendment.kind) == (
        2,
        "Rosa Ortiz",
        "replace",
    )


@pytest.mark.parametrize("role", [ParticipantRole.OBSERVER, ParticipantRole.PRESS])
def test_participants_who_are_not_delegates_are_refused_with_a_reason(client, declaration, role):
    client.force_login(person(declaration.conference, role))

    response = client.post(url("amendment-propose", declaration), {
        "paragraph_number": "1", "kind": "delete", "rationale": "x",
    })  # fmt: skip

    assert response.status_code == 403
    assert "confirmed delegates propose amendments" in response.content.decode()
    assert not Amendment.objects.exists()


def test_a_closed_window_refuses_even_a_delegate(client, declaration):
    declaration.amendments_close_at = timezone.now() - timedelta(seconds=1)
    declaration.save()
    client.force_login(person(declaration.conference, ParticipantRole.DELEGATE))

    response = client.post(url("amendment-propose", declaration), {"paragraph_number": "1", "kind": "delete",
                                                                     "rationale": "x"})  # fmt: skip

    assert response.status_code == 403 and "not open" in response.content.decode()


@pytest.mark.parametrize("data", [{"paragraph_number": "99", "kind": "delete", "rationale": "x"},
                                  {"paragraph_number": "1", "kind": "merge", "rationale": "x"},
                                  {"paragraph_number": "1", "kind": "replace", "text": "", "rationale": "x"},
                                  {"paragraph_number": "abc"}])  # fmt: skip
def test_bad_amendments_are_form_errors(client, declaration, data):
    client.force_login(person(declaration.conference, ParticipantRole.DELEGATE))

    response = client.post(url("amendment-propose", declaration), data)

    assert response.status_code == 400
    assert not Amendment.objects.exists()


def test_who_reads_the_work_in_progress(client, declaration):
    conference = declaration.conference
    draft = service.create_declaration(conference, title="Other", language="en", text="Only a draft.")
    observer = person(conference, ParticipantRole.OBSERVER)
    team = MembershipFactory(conference=conference, role=TeamRole.VIEWER).user
    stranger = UserFactory()

    for user, expected in ((None, 404), (stranger, 404), (observer, 200), (team, 200)):
        client.logout()
        if user:
            client.force_login(user)
        assert client.get(url("declaration-detail", declaration)).status_code == expected
        assert client.get(url("declaration-compare", declaration)).status_code == expected
    client.force_login(observer)
    assert client.get(url("declaration-detail", draft)).status_code == 404  # a draft: the team only
    client.force_login(team)
    assert client.get(url("declaration-detail", draft)).status_code == 200


def test_the_organizers_record_outcomes_and_the_vote_and_publish(client, declaration):
    conference = declaration.conference
    delegate = RegistrationFactory(conference=conference, role=ParticipantRole.DELEGATE, full_name="Ana Lima")
    amendment = amendments.propose_amendment(
        declaration, registration=delegate, paragraph_number=1, kind="replace",
        text="**1. Against all wars.** One.", rationale="Wider.",
    )  # fmt: skip
    client.force_login(MembershipFactory(conference=conference, role=TeamRole.ORGANIZER).user)
    outcome_url = reverse(
        "proceedings:manage-amendment-outcome", kwargs={"slug": conference.slug, "pk": amendment.pk}
    )

    refused = client.post(outcome_url, {"outcome": "adopted"})
    recorded = client.post(outcome_url, {"outcome": "adopted", "votes_for": "41", "votes_against": "3",
                                         "abstentions": "2"})  # fmt: skip
    voted = client.post(url("manage-declaration-vote", declaration), {
        "adopted": "yes", "votes_for": "88", "tally_note": "an overwhelming majority",
    }, follow=True)  # fmt: skip
    published = client.post(url("manage-declaration-publish", declaration), {"published": "1"})
    page = client.get(reverse("proceedings:declaration-list", kwargs={"slug": conference.slug}))

    assert refused.status_code == 400 and "Give the votes for" in refused.content.decode()
    assert recorded.status_code == 302 and published.status_code == 302
    assert "The final vote is recorded." in voted.content.decode()
    html = page.content.decode()
    assert "Against all wars." in html and "Ana Lima" in html
    assert "<bdi>41 for</bdi>, <bdi>3 against</bdi>, <bdi>2 abstentions</bdi>" in html
    assert "<bdi>88 for</bdi> · <bdi>an overwhelming majority</bdi>" in html
    assert "<script>alert(1)</script>" not in html


def test_nothing_unpublished_is_on_the_public_page(client, declaration):
    response = client.get(
        reverse("proceedings:declaration-list", kwargs={"slug": declaration.conference.slug})
    )

    assert "Against the war" not in response.content.decode()


def published(conference, title: str, amendment_count: int):
    """A declaration adopted and published after `amendment_count` rejected amendments, with a published
    French translation."""
    declaration = service.create_declaration(conference, title=title, language="en", text=DRAFT)
    now = timezone.now()
    amendments.set_window(declaration, opens_at=now - timedelta(hours=1), closes_at=None)
    delegate = RegistrationFactory(conference=conference, role=ParticipantRole.DELEGATE)
    for number in range(amendment_count):
        amendment = amendments.propose_amendment(
            declaration, registration=delegate, paragraph_number=number % 3 + 1, kind="replace",
            text=f"T{number}", rationale="R",
        )  # fmt: skip
        amendments.record_outcome(amendment, outcome=AmendmentOutcome.REJECTED, by_consensus=True)
    declaration = service.set_published(
        amendments.record_final_vote(declaration, adopted=True, by_consensus=True), True
    )
    service.save_translation(declaration, language="fr", title=title, text="Un.\n\nDeux.\n\nTrois.",
                             published=True)  # fmt: skip
    return declaration


@pytest.mark.parametrize("count", [3, 30])
def test_the_public_page_costs_the_same_queries_for_3_and_for_30_amendments(
    client, django_assert_num_queries, count
):
    conference = ConferenceFactory()
    published(conference, "D", amendment_count=count)

    # the conference, the published declarations, their translations, current versions and amendments
    with django_assert_num_queries(5):
        response = client.get(reverse("proceedings:declaration-list", kwargs={"slug": conference.slug}))

    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_public_page_costs_the_same_queries_for_3_and_for_30_declarations(
    client, django_assert_num_queries, count
):
    conference = ConferenceFactory()
    for number in range(count):
        published(conference, f"D{number}", amendment_count=2)

    with django_assert_num_queries(5):  # was 3 + 2 per declaration (its version, its amendments)
        response = client.get(reverse("proceedings:declaration-list", kwargs={"slug": conference.slug}))

    assert len(response.context["shown"]) == count


def test_a_translation_is_shown_with_the_original_marked(client, declaration):
    declaration = service.set_published(
        amendments.record_final_vote(declaration, adopted=True, by_consensus=True), True
    )
    service.save_translation(declaration, language="fr", title="Déclaration", text="Un.\n\nDeux.\n\nTrois.",
                             published=True)  # fmt: skip

    page = client.get(reverse("proceedings:declaration-list", kwargs={"slug": declaration.conference.slug}),
                      {"lang": "fr"})  # fmt: skip

    html = page.content.decode()
    # ?lang= chooses the page's language too: a French reader reads the page in French.
    assert "Déclaration" in html and "Deux." in html
    assert "Traduction" in html and "l\u2019original" in html
    assert 'lang="fr"' in html


def test_the_conference_page_shows_a_declaration_open_for_amendments_to_its_readers_only(client, declaration):
    conference = declaration.conference

    anonymous = client.get(conference.get_absolute_url()).content.decode()
    client.force_login(person(conference, ParticipantRole.DELEGATE))
    delegate = client.get(conference.get_absolute_url()).content.decode()

    assert "Open for amendments" not in anonymous
    assert "Open for amendments" in delegate and url("declaration-detail", declaration) in delegate


def test_the_delegate_hears_how_their_amendment_went(client, declaration):

    user = person(declaration.conference, ParticipantRole.DELEGATE)
    client.force_login(user)
    proposal = {"paragraph_number": "1", "kind": "replace", "text": "**1.** Wider.", "rationale": "Wider."}
    client.post(url("amendment-propose", declaration), proposal)
    amendment = Amendment.objects.get()

    amendments.record_outcome(amendment, outcome=AmendmentOutcome.ADOPTED, votes_for=41, votes_against=3)

    [mail] = OutboxMessage.objects.filter(recipient=user.email)
    assert mail.subject == "Your amendment to “Declaration”: Adopted"
    assert "paragraph 1" in mail.body_text and "41 for, 3 against" in mail.body_text
    assert url("declaration-detail", declaration) in mail.body_text
