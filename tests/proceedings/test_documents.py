"""Submitting a document: who may, what file is taken, where it is stored; the submitter's own page."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from events.enums import TeamRole
from proceedings.enums import DocumentStatus
from proceedings.models import Document, DocumentFile
from proceedings.services import documents as services
from registrations.enums import RegistrationStatus
from tests.factories import ConferenceFactory, MembershipFactory, OrganizationFactory, UserFactory
from tests.proceedings.documents import PDF, document, participant, pdf, stored_documents, url

pytestmark = pytest.mark.django_db

ODT = b"PK\x03\x04" + b"\x00" * 26  # not a real archive: a zip header alone is no ODT


def form_data(**changes) -> dict:
    return {
        "title": "Against the imperialist war",
        "authors": "Rosa Grimm, Angelica Balabanoff",
        "organization": "Frauenbund",
        "country": "CH",
        "language": "de",
        "abstract": "A **short** summary.",
        "file": pdf("../../Manifest.pdf"),
        **changes,
    }


@pytest.fixture
def conference():
    return ConferenceFactory()


def test_a_confirmed_participant_submits_a_document_stored_under_a_random_name(client, conference):
    user = participant(conference, country="CH", organization=OrganizationFactory(name="Frauenbund"))
    client.force_login(user)

    form = client.get(url("document-submit", conference))
    response = client.post(url("document-submit", conference), form_data())

    assert form.status_code == 200
    assert form.context["form"].initial["organization"] == "Frauenbund"
    assert form.context["form"].initial["country"] == "CH"
    assert response.status_code == 302 and response["Location"] == url("document-mine", conference)
    submitted = Document.objects.get()
    assert (submitted.status, submitted.submitted_by, submitted.submitter_email) == (
        DocumentStatus.SUBMITTED, user, user.email
    )  # fmt: skip
    original = submitted.files.get()
    assert original.is_original and original.language == "de"
    assert original.file.name.startswith("documents/") and original.file.name.endswith(".pdf")
    assert "Manifest" not in original.file.name and ".." not in original.file.name
    assert (original.file_kind, original.file_size) == ("pdf", len(PDF))
    assert default_storage.open(original.file.name).read() == PDF


def test_two_uploads_of_the_same_name_are_stored_under_different_names(conference):
    first, second = document(conference), document(conference)

    assert first.files.get().file.name != second.files.get().file.name


def test_someone_without_a_confirmed_registration_is_told_why_and_nothing_is_saved(client, conference):
    waiting = participant(conference, status=RegistrationStatus.PENDING)
    client.force_login(waiting)

    page = client.get(url("document-submit", conference))
    sent = client.post(url("document-submit", conference), form_data())

    assert page.status_code == sent.status_code == 403
    assert "no confirmed registration" in page.content.decode()
    assert url("document-list", conference) in page.content.decode()
    assert not Document.objects.exists()


def test_a_registration_at_another_conference_does_not_count(client, conference):
    client.force_login(participant(ConferenceFactory()))

    response = client.post(url("document-submit", conference), form_data())

    assert response.status_code == 403
    assert not Document.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, conference):
    response = client.get(url("document-submit", conference))

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_team_member_may_submit_without_a_registration(client, conference):
    client.force_login(MembershipFactory(conference=conference, role=TeamRole.VIEWER).user)

    response = client.post(url("document-submit", conference), form_data())

    assert response.status_code == 302
    assert Document.objects.get().title == "Against the imperialist war"


@pytest.mark.parametrize(
    ("upload", "limit", "message"),
    [
        (pdf("tool.pdf", b"MZ\x90\x00\x03\x00\x00\x00binary"), None, "not one of"),
        (pdf("archive.odt", ODT), None, "not one of"),
        (pdf("page.pdf", b"<html><script>alert(1)</script>" + b"\xff\xfe"), None, "not one of"),
        (pdf("empty.pdf", b""), None, "empty"),
        (pdf("big.pdf", PDF), 10, "at most"),
    ],
    ids=["executable-named-pdf", "zip-named-odt", "binary-html", "empty", "too-big"],
)
def test_a_refused_file_is_a_form_error_and_nothing_is_stored(client, conference, monkeypatch, upload, limit,
                                                              message):  # fmt: skip
    if limit is not None:
        monkeypatch.setattr("common.uploads.MAX_UPLOAD_BYTES", limit)
    client.force_login(participant(conference))
    stored_before = stored_documents()

    response = client.post(url("document-submit", conference), form_data(file=upload))

    assert response.status_code == 400
    assert message in response.context["form"].errors["file"][0]
    assert not Document.objects.exists() and not DocumentFile.objects.exists()
    assert stored_documents() == stored_before


def test_the_service_checks_a_file_it_is_given_unchecked(conference):
    stored_before = stored_documents()

    with pytest.raises(ValidationError) as refused:
        services.submit(conference, upload=pdf("x.pdf", b"MZ\x90\x00"), title="T", authors="A", language="en")

    assert "file" in refused.value.message_dict
    assert not Document.objects.exists() and stored_documents() == stored_before


def test_a_markdown_file_is_taken_by_its_content_and_name(client, conference):
    client.force_login(participant(conference))

    client.post(url("document-submit", conference), form_data(file=pdf("notes.md", b"# Notes\n\nText.")))

    assert DocumentFile.objects.get().file_kind == "md"


def test_typed_text_that_a_database_refuses_is_a_form_error_not_a_crash(client, conference):
    client.force_login(participant(conference))

    response = client.post(url("document-submit", conference), form_data(title="War\x00", language="zz-nope"))

    assert response.status_code == 400
    assert {"title", "language"} <= set(response.context["form"].errors)
    assert not Document.objects.exists()


def test_the_submitter_sees_their_documents_with_the_organizers_note(client, conference):
    user = participant(conference)
    mine = document(conference, submitted_by=user)
    services.decide(mine, services.Decision.CHANGES, note="Please shorten the abstract.")
    document(conference, submitted_by=participant(conference), title="Someone else's")
    client.force_login(user)

    page = client.get(url("document-mine", conference))

    assert page.status_code == 200
    assert [item.pk for item in page.context["documents"]] == [mine.pk]
    content = page.content.decode()
    assert "Please shorten the abstract." in content and "Changes requested" in content
    assert "Someone else" not in content


def test_a_new_version_while_changes_are_requested_goes_back_to_review_and_the_old_file_is_deleted(
    client, conference, django_capture_on_commit_callbacks
):
    user = participant(conference)
    mine = document(conference, submitted_by=user, status=DocumentStatus.CHANGES_REQUESTED)
    old_name = mine.files.get().file.name
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("document-replace", conference, pk=mine.pk),
            {f"document-{mine.pk}-replace-file": pdf("v2.txt", "Zweite Fassung, überarbeitet.".encode())},
        )

    assert response.status_code == 302
    mine.refresh_from_db()
    original = mine.files.get()
    assert mine.status == DocumentStatus.SUBMITTED
    assert original.file_kind == "txt" and original.file.name != old_name
    assert not default_storage.exists(old_name)


def test_a_refused_new_version_shows_its_error_and_keeps_the_old_file(client, conference):
    user = participant(conference)
    mine = document(conference, submitted_by=user, status=DocumentStatus.CHANGES_REQUESTED)
    old_name = mine.files.get().file.name
    client.force_login(user)

    response = client.post(
        url("document-replace", conference, pk=mine.pk),
        {f"document-{mine.pk}-replace-file": pdf("v2.pdf", b"MZ\x90\x00")},
    )

    assert response.status_code == 400
    assert "not one of" in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == DocumentStatus.CHANGES_REQUESTED and mine.files.get().file.name == old_name


def test_a_translation_is_added_and_a_second_one_in_that_language_replaces_it(client, conference):
    user = participant(conference)
    mine = document(conference, submitted_by=user, language="de")
    client.force_login(user)
    field = f"document-{mine.pk}-translation"
    add_url = url("document-translation-add", conference, pk=mine.pk)

    first = client.post(add_url, {f"{field}-language": "fr", f"{field}-file": pdf("fr.pdf")})
    second = client.post(add_url, {f"{field}-language": "fr", f"{field}-file": pdf("fr.txt", b"La guerre.")})

    assert first.status_code == second.status_code == 302
    assert [(item.language, item.is_original, item.file_kind) for item in mine.files.all()] == [
        ("de", True, "pdf"), ("fr", False, "txt"),
    ]  # fmt: skip


def test_a_translation_in_the_language_of_the_original_is_refused(client, conference):
    user = participant(conference)
    mine = document(conference, submitted_by=user, language="de")
    client.force_login(user)
    field = f"document-{mine.pk}-translation"

    response = client.post(url("document-translation-add", conference, pk=mine.pk),
                           {f"{field}-language": "de", f"{field}-file": pdf()})  # fmt: skip

    assert response.status_code == 400
    assert "language of the original" in response.content.decode()
    assert mine.files.count() == 1


def test_the_submitter_removes_a_translation_but_not_the_original(client, conference):
    user = participant(conference)
    mine = document(conference, submitted_by=user)
    translated = services.add_translation(mine, language="en", upload=pdf(), by_submitter=True)
    client.force_login(user)

    kept = client.post(url("document-translation-remove", conference, pk=mine.pk),
                       {"file": mine.files.get(is_original=True).pk})  # fmt: skip
    removed = client.post(url("document-translation-remove", conference, pk=mine.pk), {"file": translated.pk})
    nonsense = client.post(url("document-translation-remove", conference, pk=mine.pk), {"file": "x" * 40})

    assert kept.status_code == removed.status_code == 302 and nonsense.status_code == 404
    assert [item.is_original for item in mine.files.all()] == [True]


def test_once_decided_the_submitter_may_translate_until_it_is_published_but_not_replace(conference):
    user = participant(conference)
    accepted = document(conference, submitted_by=user, status=DocumentStatus.ACCEPTED)
    published = document(conference, submitted_by=user, status=DocumentStatus.PUBLISHED)

    with pytest.raises(ValidationError):
        services.replace_original(accepted, pdf(), by_submitter=True)
    services.add_translation(accepted, language="en", upload=pdf(), by_submitter=True)
    with pytest.raises(ValidationError):
        services.add_translation(published, language="en", upload=pdf(), by_submitter=True)
    services.add_translation(published, language="en", upload=pdf(), by_submitter=False)

    assert accepted.files.count() == published.files.count() == 2


def test_the_submitter_changes_the_details_and_a_new_language_is_the_originals_too(client, conference):
    user = participant(conference)
    mine = document(conference, submitted_by=user, language="de", status=DocumentStatus.CHANGES_REQUESTED)
    client.force_login(user)
    details = {
        key: value
        for key, value in form_data(title="Gegen den Krieg", language="fr").items()
        if key != "file"
    }

    response = client.post(url("document-edit", conference, pk=mine.pk), details)

    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.title, mine.language, mine.status) == ("Gegen den Krieg", "fr", DocumentStatus.SUBMITTED)
    assert mine.files.get().language == "fr"


def test_another_participant_cannot_change_someone_elses_document(client, conference):
    theirs = document(conference, submitted_by=participant(conference))
    client.force_login(participant(conference))

    responses = [
        client.post(url("document-replace", conference, pk=theirs.pk), {"file": pdf()}),
        client.post(url("document-translation-add", conference, pk=theirs.pk), {"language": "en"}),
        client.post(url("document-translation-remove", conference, pk=theirs.pk), {"file": 1}),
        client.get(url("document-edit", conference, pk=theirs.pk)),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404, 404]


def test_a_document_submitted_on_someones_behalf_is_theirs_once_signed_in(client, conference):
    organizer = MembershipFactory(conference=conference, role=TeamRole.ORGANIZER).user
    client.force_login(organizer)
    data = {**form_data(), "submitter_email": "Clara@Example.org"}

    response = client.post(url("manage-document-create", conference), data)

    assert response.status_code == 302
    submitted = Document.objects.get()
    assert (submitted.submitted_by, submitted.submitter_email) == (None, "Clara@Example.org")
    clara = UserFactory(email="clara@example.org")
    client.force_login(clara)
    assert [item.pk for item in client.get(url("document-mine", conference)).context["documents"]] == [
        submitted.pk
    ]
    assert client.get(url("document-detail", conference, pk=submitted.pk)).status_code == 200


def past_conference():
    """A conference that is over: its registration closed with its last day."""
    return ConferenceFactory(starts_on=date(2022, 6, 25), ends_on=date(2022, 6, 26))


SUBMIT_BUTTON = "Submit a document</a>"
SUBMITTED_BY_PARTICIPANTS = "Documents are submitted by the conference's confirmed participants."


def test_a_past_conferences_list_offers_no_submission_to_a_visitor_but_a_way_in_for_its_participants(client):
    conference = past_conference()

    page = client.get(url("document-list", conference)).content.decode()

    assert SUBMIT_BUTTON not in page
    assert SUBMITTED_BY_PARTICIPANTS in page
    assert f'<a href="{url("document-submit", conference)}">Sign in to submit yours</a>' in page


def test_a_past_conferences_list_offers_no_submission_to_someone_who_may_not_submit(client):
    conference = past_conference()
    client.force_login(UserFactory())

    page = client.get(url("document-list", conference)).content.decode()

    assert SUBMIT_BUTTON not in page and "Sign in to submit yours" not in page
    assert SUBMITTED_BY_PARTICIPANTS in page


@pytest.mark.parametrize("who", ["participant", "team"])
def test_a_past_conferences_list_offers_submission_to_its_participants_and_team(client, who):
    conference = past_conference()
    if who == "participant":
        client.force_login(participant(conference))
    else:
        client.force_login(MembershipFactory(conference=conference, role=TeamRole.VIEWER).user)

    page = client.get(url("document-list", conference)).content.decode()

    assert f'<a class="button" href="{url("document-submit", conference)}">{SUBMIT_BUTTON}' in page
    assert SUBMITTED_BY_PARTICIPANTS not in page


def test_while_registration_is_open_the_list_offers_submission_to_everyone(client, conference):
    page = client.get(url("document-list", conference)).content.decode()

    assert f'<a class="button" href="{url("document-submit", conference)}">{SUBMIT_BUTTON}' in page


def test_the_refusal_of_a_past_conference_says_registration_closed_instead_of_offering_it(client):
    conference = past_conference()
    client.force_login(UserFactory())

    page = client.get(url("document-submit", conference)).content.decode()

    assert f'href="/c/{conference.slug}/register/"' not in page
    assert "Registration closed on June 27, 2022, midnight." in page


def test_the_refusal_offers_registration_while_it_is_open(client, conference):
    client.force_login(UserFactory())

    page = client.get(url("document-submit", conference)).content.decode()

    assert f'<a href="/c/{conference.slug}/register/">Register for the conference</a>' in page
