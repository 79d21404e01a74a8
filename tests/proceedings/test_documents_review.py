"""The organizers' review: the decisions each status allows, the mails they send, the team's pages."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from events.enums import TeamRole
from outbox.models import OutboxMessage
from proceedings.enums import DocumentStatus
from proceedings.models import Document
from proceedings.services import documents as services
from proceedings.services.documents import Decision
from tests.factories import ConferenceFactory, MembershipFactory
from tests.proceedings.documents import document, participant, pdf, url

pytestmark = pytest.mark.django_db

S = DocumentStatus
ALLOWED = {
    (S.SUBMITTED, Decision.ACCEPT): S.ACCEPTED,
    (S.SUBMITTED, Decision.CHANGES): S.CHANGES_REQUESTED,
    (S.SUBMITTED, Decision.REJECT): S.REJECTED,
    (S.CHANGES_REQUESTED, Decision.ACCEPT): S.ACCEPTED,
    (S.CHANGES_REQUESTED, Decision.REJECT): S.REJECTED,
    (S.ACCEPTED, Decision.CHANGES): S.CHANGES_REQUESTED,
    (S.ACCEPTED, Decision.REJECT): S.REJECTED,
    (S.ACCEPTED, Decision.PUBLISH): S.PUBLISHED,
    (S.REJECTED, Decision.ACCEPT): S.ACCEPTED,
    (S.PUBLISHED, Decision.UNPUBLISH): S.ACCEPTED,
}
DECISIONS = [Decision.ACCEPT, Decision.CHANGES, Decision.REJECT, Decision.PUBLISH, Decision.UNPUBLISH]


@pytest.fixture
def conference():
    return ConferenceFactory()


@pytest.fixture
def organizer(sign_in_team, conference):
    return sign_in_team(TeamRole.ORGANIZER, conference=conference)


def mails_to(address: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(recipient=address).order_by("pk"))


@pytest.mark.parametrize("decision", DECISIONS)
@pytest.mark.parametrize("status", S.values)
def test_each_status_allows_only_its_decisions(conference, status, decision):
    made = document(conference, status=status)

    if (status, decision) in ALLOWED:
        decided = services.decide(made, decision, note="A note.")
        assert decided.status == ALLOWED[(status, decision)]
    else:
        with pytest.raises(ValidationError):
            services.decide(made, decision, note="A note.")
        made.refresh_from_db()
        assert made.status == status


def test_only_an_accepted_document_is_published_and_publishing_sets_the_date(conference):
    submitted = document(conference)

    with pytest.raises(ValidationError):
        services.decide(submitted, Decision.PUBLISH)
    services.decide(submitted, Decision.ACCEPT)
    published = services.decide(submitted, Decision.PUBLISH)
    unpublished = services.decide(published, Decision.UNPUBLISH)

    assert published.published_at is not None
    assert unpublished.status == S.ACCEPTED and unpublished.published_at is None


@pytest.mark.parametrize("decision", [Decision.CHANGES, Decision.REJECT])
def test_asking_for_changes_and_rejecting_need_a_note(conference, decision):
    made = document(conference)

    with pytest.raises(ValidationError) as refused:
        services.decide(made, decision, note="   ")

    assert "note" in refused.value.message_dict
    made.refresh_from_db()
    assert made.status == S.SUBMITTED and not OutboxMessage.objects.exists()


def test_the_submitter_is_told_of_changes_a_rejection_and_the_publication_in_their_language(conference):
    submitter = participant(conference)
    submitter.language = "fr"
    submitter.save()
    made = document(conference, submitted_by=submitter, title="Contre la guerre")

    services.decide(made, Decision.CHANGES, note="Raccourcir le résumé.")
    services.decide(made, Decision.ACCEPT)
    services.decide(made, Decision.REJECT, note="Hors sujet.")
    services.decide(made, Decision.ACCEPT)
    services.decide(made, Decision.PUBLISH)

    changes, rejected, published = mails_to(submitter.email)
    assert all(mail.language == "fr" and mail.about == made for mail in (changes, rejected, published))
    assert (
        "Raccourcir le résumé." in changes.body_text and url("document-mine", conference) in changes.body_text
    )
    assert "Hors sujet." in rejected.body_text
    assert url("document-detail", conference, pk=made.pk) in published.body_text
    assert "Contre la guerre" in published.subject


def test_a_document_submitted_for_someone_mails_their_address(conference):
    made = document(conference)  # submitted by an organizer for someone@example.org

    services.decide(made, Decision.CHANGES, note="A page is missing.")

    assert [mail.subject for mail in mails_to("someone@example.org")] == ["Changes requested: “On the war”"]


def test_the_review_page_shows_the_document_and_the_decisions_its_status_allows(
    client, organizer, conference
):
    made = document(conference, abstract="Read <script>alert(1)</script> **this**.")

    page = client.get(url("manage-document-review", conference, pk=made.pk))

    assert page.status_code == 200
    assert [value for value, _label in page.context["decisions"]] == [
        Decision.ACCEPT, Decision.CHANGES, Decision.REJECT
    ]  # fmt: skip
    content = page.content.decode()
    assert "<strong>this</strong>" in content and "<script>alert" not in content


def test_a_decision_is_taken_from_the_review_page(client, organizer, conference):
    made = document(conference)

    response = client.post(url("manage-document-decide", conference, pk=made.pk),
                           {"decision": "changes", "note": "Add the sources."})  # fmt: skip

    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.status, made.review_note) == (S.CHANGES_REQUESTED, "Add the sources.")
    assert len(mails_to("someone@example.org")) == 1


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "reject"},
        {"decision": "publish"},
        {"decision": "burn"},
        {},
        {"decision": "accept", "note": "\x00"},
    ],
    ids=["reject-without-note", "publish-unaccepted", "unknown", "nothing", "null-character"],
)
def test_a_refused_decision_is_shown_on_the_page_and_changes_nothing(client, organizer, conference, data):
    made = document(conference)

    response = client.post(url("manage-document-decide", conference, pk=made.pk), data)

    assert response.status_code == 400
    made.refresh_from_db()
    assert made.status == S.SUBMITTED and not OutboxMessage.objects.exists()


def test_the_team_list_filters_by_status_and_searches(client, organizer, conference):
    document(conference, title="On the war", status=S.PUBLISHED)
    document(conference, title="On peace", organization="Jugendinternationale")
    document(ConferenceFactory(), title="Elsewhere")

    everything = client.get(url("manage-document-list", conference))
    published = client.get(url("manage-document-list", conference), {"status": "published"})
    searched = client.get(url("manage-document-list", conference), {"q": "jugend"})
    nonsense = client.get(url("manage-document-list", conference), {"status": "burnt", "q": "a\x00"})

    def titles(response) -> list[str]:
        return sorted(item.title for item in response.context["page"].object_list)

    assert titles(everything) == ["On peace", "On the war"]
    assert titles(published) == ["On the war"]
    assert titles(searched) == ["On peace"]
    assert nonsense.status_code == 200


def test_the_team_replaces_the_original_and_adds_a_translation_whatever_the_status(
    client, organizer, conference
):
    made = document(conference, status=S.PUBLISHED)
    add_url = url("manage-document-translation-add", conference, pk=made.pk)

    replaced = client.post(url("manage-document-replace", conference, pk=made.pk), {"replace-file": pdf()})
    translated = client.post(add_url, {"translation-language": "en", "translation-file": pdf()})
    refused = client.post(
        add_url, {"translation-language": "en", "translation-file": pdf("x.pdf", b"MZ\x90\x00")}
    )

    assert (replaced.status_code, translated.status_code, refused.status_code) == (302, 302, 400)
    made.refresh_from_db()
    assert made.status == S.PUBLISHED
    assert [(item.language, item.is_original) for item in made.files.all()] == [("de", True), ("en", False)]


def test_the_team_changes_the_details(client, organizer, conference):
    made = document(conference, status=S.ACCEPTED)
    details = {
        "title": "Corrected",
        "authors": "R. Grimm",
        "language": "de",
        "country": "",
        "organization": "",
    }

    response = client.post(url("manage-document-edit", conference, pk=made.pk), details)

    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.title, made.status) == ("Corrected", S.ACCEPTED)


def test_deleting_a_document_deletes_its_files(
    client, organizer, conference, django_capture_on_commit_callbacks
):
    made = document(conference)
    services.add_translation(made, language="en", upload=pdf(), by_submitter=False)
    names = [item.file.name for item in made.files.all()]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("manage-document-delete", conference, pk=made.pk))

    assert response.status_code == 302
    assert not Document.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


def test_a_viewer_sees_the_review_page_without_the_decisions(client, conference):
    made = document(conference)
    client.force_login(MembershipFactory(conference=conference, role=TeamRole.VIEWER).user)

    page = client.get(url("manage-document-review", conference, pk=made.pk))
    decided = client.post(url("manage-document-decide", conference, pk=made.pk), {"decision": "accept"})

    assert page.status_code == 200 and "manage-document-decide" not in page.content.decode()
    assert url("manage-document-decide", conference, pk=made.pk) not in page.content.decode()
    assert decided.status_code == 403


def test_the_organizer_of_another_conference_cannot_review_this_ones_documents(client, conference):
    made = document(conference)
    elsewhere = MembershipFactory(role=TeamRole.OWNER)
    client.force_login(elsewhere.user)

    responses = [
        client.get(url("manage-document-review", conference, pk=made.pk)),
        client.get(url("manage-document-review", elsewhere.conference, pk=made.pk)),
        client.post(url("manage-document-decide", conference, pk=made.pk), {"decision": "accept"}),
        client.post(url("manage-document-decide", elsewhere.conference, pk=made.pk), {"decision": "accept"}),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404, 404]
    made.refresh_from_db()
    assert made.status == S.SUBMITTED


@pytest.mark.parametrize("status", S.values)
def test_the_team_pages_render_for_every_status(client, organizer, conference, status):
    made = document(conference, status=status)

    pages = [
        client.get(url("manage-document-list", conference)),
        client.get(url("manage-document-review", conference, pk=made.pk)),
        client.get(url("manage-document-edit", conference, pk=made.pk)),
        client.get(url("manage-document-create", conference)),
        client.get(url("document-detail", conference, pk=made.pk)),
    ]

    assert [page.status_code for page in pages] == [200, 200, 200, 200, 200]
    navigation_entry = f'href="{url("manage-document-list", conference)}" aria-current="page"'
    assert navigation_entry in pages[1].content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_the_team_list_costs_the_same_queries_for_3_and_for_30_documents(
    client, organizer, conference, django_assert_num_queries, count
):
    statuses = list(DocumentStatus)
    for number in range(count):
        made = document(conference, status=statuses[number % len(statuses)], title=f"Paper {number}",
                        organization=f"Party {number}", country="CH")  # fmt: skip
        services.add_translation(made, language="en", upload=pdf(), by_submitter=False)

    # session, user, membership with its conference, the page's count, the counts by status, the page
    # with its files counted
    with django_assert_num_queries(6):
        response = client.get(url("manage-document-list", conference), {"q": "paper"})

    assert len(response.context["page"].object_list) == count
