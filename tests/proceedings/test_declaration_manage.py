"""The organizers' declaration pages: text, window, order, outcomes, translations, carrying over."""

from datetime import timedelta

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from events.enums import TeamRole
from proceedings.enums import AmendmentOutcome
from proceedings.models import Declaration
from proceedings.services import amendments
from proceedings.services import declarations as service
from registrations.enums import ParticipantRole
from tests.factories import ConferenceFactory, MembershipFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

DRAFT = "One.\n\nTwo.\n\nThree."


@pytest.fixture
def organizer(sign_in_team):
    return sign_in_team(TeamRole.ORGANIZER, conference__timezone="Asia/Tokyo")


@pytest.fixture
def declaration(organizer):
    declaration = service.create_declaration(organizer.conference, title="D", language="en", text=DRAFT)
    now = timezone.now()
    return amendments.set_window(
        declaration, opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=1)
    )


def url(name, declaration, pk=None) -> str:
    return reverse(
        f"proceedings:{name}", kwargs={"slug": declaration.conference.slug, "pk": pk or declaration.pk}
    )


def amend(declaration, number, kind="replace", text="New."):
    delegate = RegistrationFactory(conference=declaration.conference, role=ParticipantRole.DELEGATE)
    return amendments.propose_amendment(
        declaration, registration=delegate, paragraph_number=number, kind=kind, text=text, rationale="R"
    )


def test_a_draft_is_written_and_a_bad_one_is_refused(client, organizer):
    create = reverse("proceedings:manage-declaration-create", kwargs={"slug": organizer.conference.slug})

    empty = client.post(create, {"title": "D", "language": "en", "text": " \n\n "})
    saved = client.post(create, {"title": "D", "language": "en", "text": DRAFT})

    assert empty.status_code == 400 and "This field is required." in empty.content.decode()
    assert saved.status_code == 302
    assert len(service.current_version(Declaration.objects.get()).paragraphs) == 3


def test_removing_a_paragraph_flags_its_amendments_and_adopting_them_is_refused(client, declaration):
    amendment = amend(declaration, 2)

    client.post(url("manage-declaration-text", declaration), {"text": "One.\n\nThree.", "note": "Shorter"})
    page = client.get(url("manage-declaration-detail", declaration)).content.decode()
    refused = client.post(url("manage-amendment-outcome", declaration, amendment.pk),
                          {"outcome": "adopted", "by_consensus": "on"})  # fmt: skip

    assert declaration.versions.count() == 2
    assert "Its paragraph is no longer in the text." in page
    assert refused.status_code == 400 and "no longer in the text" in refused.content.decode()
    amendment.refresh_from_db()
    assert amendment.outcome == AmendmentOutcome.PENDING


def test_the_window_is_entered_in_the_conferences_zone_and_must_close_after_it_opens(client, declaration):
    day = declaration.conference.starts_on.isoformat()

    backwards = {"amendments_open_at": f"{day}T10:00", "amendments_close_at": f"{day}T09:00"}
    bad = client.post(url("manage-declaration-window", declaration), backwards, follow=True)
    client.post(url("manage-declaration-window", declaration), {"amendments_open_at": f"{day}T09:00"})

    assert "The window must close after it opens." in bad.content.decode()
    declaration.refresh_from_db()
    assert timezone.localtime(declaration.amendments_open_at, declaration.conference.zone).hour == 9
    assert declaration.amendments_close_at is None


def test_amendments_are_grouped_and_ordered_and_bad_numbers_change_nothing(client, declaration):
    first, second = amend(declaration, 1), amend(declaration, 2)
    order = url("manage-amendment-order", declaration)

    rows = {f"group-{first.pk}": "Peace", f"position-{first.pk}": "2",
            f"group-{second.pk}": "Peace", f"position-{second.pk}": "1"}  # fmt: skip
    client.post(order, {"amendment": [first.pk, second.pk], **rows})
    bad = client.post(order, {"amendment": [first.pk], f"position-{first.pk}": "first"}, follow=True)

    assert [amendment.pk for amendment in declaration.amendments.all()] == [second.pk, first.pk]
    assert "whole number" in bad.content.decode()


def test_a_translation_must_match_the_paragraphs_and_publishes_only_once_adopted(client, declaration):
    translate = url("manage-declaration-translation", declaration)

    short = client.post(translate, {"language": "fr", "title": "D", "text": "Un.\n\nDeux."})
    early = client.post(translate, {"language": "fr", "title": "D", "text": "Un.\n\nDeux.\n\nTrois.",
                                    "is_published": "on"})  # fmt: skip
    saved = client.post(translate, {"language": "fr", "title": "D", "text": "Un.\n\nDeux.\n\nTrois."})

    assert short.status_code == 400 and "3 paragraphs" in short.content.decode()
    assert early.status_code == 400 and "Only an adopted declaration" in early.content.decode()
    assert saved.status_code == 302 and declaration.translations.get().paragraphs[2]["text"] == "Trois."


def test_deferred_amendments_are_carried_only_to_a_follow_up(client, declaration):
    deferred = amend(declaration, 3)
    amendments.record_outcome(deferred, outcome=AmendmentOutcome.DEFERRED)
    follow_up = ConferenceFactory(follows=declaration.conference)
    unrelated = ConferenceFactory()

    refused = client.post(
        url("manage-declaration-carry", declaration), {"follow_up": unrelated.pk}, follow=True
    )
    client.post(url("manage-declaration-carry", declaration), {"follow_up": follow_up.pk})

    assert "Choose a conference that follows this one." in refused.content.decode()
    assert follow_up.declarations.get().amendments.get().carried_from == deferred
    assert not unrelated.declarations.exists()


def test_a_viewer_reads_but_does_not_record(client, declaration):
    viewer = MembershipFactory(conference=declaration.conference, role=TeamRole.VIEWER).user
    amendment = amend(declaration, 1)
    client.force_login(viewer)

    page = client.get(url("manage-declaration-detail", declaration))
    refused = client.post(url("manage-amendment-outcome", declaration, amendment.pk), {"outcome": "rejected"})

    assert page.status_code == 200 and "Record the outcome" not in page.content.decode()
    assert refused.status_code == 403


def test_typed_nonsense_gets_a_message_not_an_error_page(client, declaration):
    amendment = amend(declaration, 1)

    carry = client.post(url("manage-declaration-carry", declaration), {"follow_up": "abc"}, follow=True)
    too_far = {"amendment": [amendment.pk], f"position-{amendment.pk}": "1" + "0" * 20}
    order = client.post(url("manage-amendment-order", declaration), too_far, follow=True)
    translation = client.get(url("manage-declaration-translation", declaration), {"language": "fr\x00"})
    compare = client.get(url("declaration-compare", declaration), {"from": "abc", "to": "9" * 30})

    assert "Choose a conference that follows this one." in carry.content.decode()
    assert "whole number up to 9999" in order.content.decode()
    assert translation.status_code == 200
    assert compare.status_code == 404


OUTCOMES = [AmendmentOutcome.PENDING, AmendmentOutcome.ADOPTED, AmendmentOutcome.REJECTED,
            AmendmentOutcome.DEFERRED]  # fmt: skip


@pytest.mark.parametrize("count", [3, 30])
def test_the_declaration_list_costs_the_same_queries_for_3_and_for_30_declarations(
    client, organizer, django_assert_num_queries, count
):
    for number in range(count):
        service.create_declaration(organizer.conference, title=f"D{number}", language="en", text=DRAFT)

    with django_assert_num_queries(4):  # session, user, membership with its conference, the declarations
        response = client.get(
            reverse("proceedings:manage-declaration-list", kwargs={"slug": organizer.conference.slug})
        )

    assert len(response.context["declarations"]) == count


@pytest.mark.parametrize("count", [4, 40])
def test_the_declaration_page_costs_the_same_queries_for_4_and_for_40_amendments(
    client, declaration, django_assert_num_queries, count
):
    for number in range(count):  # pending, adopted (a new version each), rejected, deferred
        outcome = OUTCOMES[number % len(OUTCOMES)]
        amendment = amend(declaration, number % 3 + 1, text=f"New {number}.")
        if outcome != AmendmentOutcome.PENDING:
            tally = {"votes_for": 10, "votes_against": 3, "abstentions": 1}
            amendments.record_outcome(amendment, outcome=outcome, **tally)
    amendments.carry_deferred(declaration, ConferenceFactory(follows=declaration.conference))
    left = amend(declaration, 1, text="Later.")  # deferred after the carry: the page offers the follow-up
    amendments.record_outcome(left, outcome=AmendmentOutcome.DEFERRED, by_consensus=True)
    service.save_translation(declaration, language="fr", title="D", text="Un.\n\nDeux.\n\nTrois.",
                             published=False)  # fmt: skip

    # session, user, membership with its conference, the declaration, its current version, the amendments
    # with where they were applied and carried, the translations, the follow-up conferences, the versions
    with django_assert_num_queries(9):
        response = client.get(url("manage-declaration-detail", declaration))

    shown = response.context["amendments"]
    assert len(shown) == count + 1
    assert sum(amendment.carried_over is not None for amendment in shown) == count // 4


@pytest.mark.parametrize(
    ("language", "declaration_adopted", "amendment_adopted"),
    [
        ("fr", "Adoptée", "Adopté"),  # la déclaration, l'amendement
        ("it", "Approvata", "Approvato"),  # la dichiarazione, l'emendamento
        ("es", "Aprobada", "Aprobada"),  # la declaración, la enmienda: both feminine
        ("en", "Adopted", "Adopted"),
    ],
)
def test_a_declaration_and_an_amendment_are_each_adopted_in_their_own_gender(
    client, declaration, language, declaration_adopted, amendment_adopted
):
    amendments.record_outcome(amend(declaration, 1), outcome=AmendmentOutcome.ADOPTED, by_consensus=True)
    amendments.record_final_vote(declaration, adopted=True, by_consensus=True)

    pages = [
        client.get(url(name, declaration), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        for name in ("manage-declaration-detail", "declaration-detail")
    ]

    for page in pages:
        tree = lxml.html.fromstring(page)
        [status] = tree.xpath('//h1/following-sibling::p[1]/span[@class="badge"]')
        outcomes = {badge.text for badge in tree.xpath('//span[contains(@class, "outcome--adopted")]')}
        assert (status.text, outcomes) == (declaration_adopted, {amendment_adopted})
