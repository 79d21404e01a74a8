"""Documents in public: who reads an unpublished one, how files are served, the list with its filters."""

import pytest

from events.enums import TeamRole
from proceedings.enums import DocumentStatus
from proceedings.services import documents as services
from tests.factories import ConferenceFactory, MembershipFactory, UserFactory
from tests.proceedings.documents import PDF, document, file_url, participant, pdf, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference():
    return ConferenceFactory()


def nobody(conference, submitter):
    return None


def another_participant(conference, submitter):
    return participant(conference)


def team_of_another_conference(conference, submitter):
    return MembershipFactory(role=TeamRole.OWNER).user


def signed_up_stranger(conference, submitter):
    return UserFactory()


def the_submitter(conference, submitter):
    return submitter


def a_viewer_of_the_team(conference, submitter):
    return MembershipFactory(conference=conference, role=TeamRole.VIEWER).user


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (nobody, 404),
        (another_participant, 404),
        (team_of_another_conference, 404),
        (signed_up_stranger, 404),
        (the_submitter, 200),
        (a_viewer_of_the_team, 200),
    ],
    ids=lambda value: getattr(value, "__name__", str(value)),
)
@pytest.mark.parametrize("status", [s for s in DocumentStatus.values if s != DocumentStatus.PUBLISHED])
def test_an_unpublished_document_and_its_files_are_for_the_team_and_the_submitter_only(
    client, conference, who, expected, status
):
    submitter = participant(conference)
    made = document(conference, submitted_by=submitter, status=status)
    translation = services.add_translation(made, language="en", upload=pdf(), by_submitter=False)
    user = who(conference, submitter)
    if user is not None:
        client.force_login(user)

    page = client.get(url("document-detail", conference, pk=made.pk))
    original = client.get(file_url(made))
    translated = client.get(file_url(made, translation))

    assert (page.status_code, original.status_code, translated.status_code) == (expected, expected, expected)
    if expected == 200:
        assert original["Cache-Control"] == "private, no-store"
        assert "no-store" in page["Cache-Control"]


def test_an_unpublished_document_is_not_listed_or_found_by_search(client, conference):
    document(conference, title="Secret draft")

    page = client.get(url("document-list", conference), {"q": "secret"})

    assert page.status_code == 200
    assert "Secret draft" not in page.content.decode()


def test_a_published_documents_file_is_served_as_its_content_with_nosniff(client, conference):
    made = document(conference, status=DocumentStatus.PUBLISHED, title="Manifest: 1915")

    served = client.get(file_url(made))

    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"].startswith('attachment; filename="Manifest 1915.pdf"')
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served["Content-Security-Policy"]
    assert served["Cache-Control"] == "public, no-cache"


def test_a_text_file_that_looks_like_a_page_is_served_as_text_and_downloads_keep_their_type(
    client, conference
):
    made = document(conference, status=DocumentStatus.PUBLISHED)
    page = services.add_translation(
        made,
        language="en",
        upload=pdf("x.pdf", b"<html><script>alert(1)</script></html>"),
        by_submitter=False,
    )
    notes = services.add_translation(
        made, language="fr", upload=pdf("notes.md", b"# Notes"), by_submitter=False
    )

    as_text = client.get(file_url(made, page))
    as_markdown = client.get(file_url(made, notes))

    assert (
        as_text["Content-Type"] == "text/plain; charset=utf-8"
        and as_text["X-Content-Type-Options"] == "nosniff"
    )
    assert as_markdown["Content-Type"] == "text/markdown; charset=utf-8"
    assert as_markdown["Content-Disposition"].startswith('attachment; filename="On the war (fr).md"')


def test_a_file_is_found_only_through_its_own_document_and_conference(client, conference):
    first = document(conference, status=DocumentStatus.PUBLISHED)
    second = document(conference, status=DocumentStatus.PUBLISHED)
    other = ConferenceFactory()
    first_file = first.files.get()

    wrong_document = client.get(url("document-file", conference, pk=second.pk, file_pk=first_file.pk))
    wrong_conference = client.get(url("document-file", other, pk=first.pk, file_pk=first_file.pk))
    huge = client.get(url("document-file", conference, pk=first.pk, file_pk=10**30))

    assert (wrong_document.status_code, wrong_conference.status_code, huge.status_code) == (404, 404, 404)


def test_a_published_document_of_a_draft_conference_stays_hidden(client):
    draft = ConferenceFactory(status="draft")
    made = document(draft, status=DocumentStatus.PUBLISHED)

    assert client.get(url("document-detail", draft, pk=made.pk)).status_code == 404
    assert client.get(file_url(made)).status_code == 404
    assert client.get(url("document-list", draft)).status_code == 404


def test_a_missing_stored_file_is_not_found_rather_than_an_error(client, conference):
    made = document(conference, status=DocumentStatus.PUBLISHED)
    made.files.get().file.delete(save=False)

    assert client.get(file_url(made)).status_code == 404


def test_the_list_shows_only_published_documents_with_their_translations_beside_the_original(
    client, conference
):
    published = document(conference, status=DocumentStatus.PUBLISHED, title="Manifest", language="de")
    services.add_translation(published, language="fr", upload=pdf(), by_submitter=False)
    for status in ("submitted", "changes", "accepted", "rejected"):
        document(conference, status=status, title=f"Hidden {status}")

    page = client.get(url("document-list", conference))

    assert [item.title for item in page.context["page"].object_list] == ["Manifest"]
    content = page.content.decode()
    assert "Hidden" not in content
    original_link, translation_link = (
        file_url(published),
        file_url(published, published.files.get(language="fr")),
    )
    assert content.index(original_link) < content.index("original") < content.index(translation_link)
    assert 'hreflang="fr"' in content and "translation" in content


def test_the_list_filters_by_language_organization_and_country_and_searches(client, conference):
    published = DocumentStatus.PUBLISHED
    german = document(conference, status=published, title="Manifest", language="de", organization="SPS",
                      country="CH", abstract="Against the war credits.")  # fmt: skip
    services.add_translation(german, language="it", upload=pdf(), by_submitter=False)
    document(conference, status=published, title="Appello", language="it", organization="PSI", country="IT",
             authors="Angelica Balabanoff")  # fmt: skip
    document(conference, status=published, title="Zimmerwald", language="ru", country="RU")

    def titles(**query) -> list[str]:
        response = client.get(url("document-list", conference), query)
        assert response.status_code == 200
        return [item.title for item in response.context["page"].object_list]

    assert titles() == ["Appello", "Manifest", "Zimmerwald"]
    assert titles(language="it") == ["Appello", "Manifest"]  # the German one has an Italian translation
    assert titles(organization="SPS") == ["Manifest"]
    assert titles(country="RU") == ["Zimmerwald"]
    assert titles(q="credits") == ["Manifest"]
    assert titles(q="balabanoff") == ["Appello"]
    assert titles(q="psi") == ["Appello"]
    assert titles(language="it", country="CH") == ["Manifest"]
    assert titles(language="xx", organization="<script>", q="war\x00", page="9999") == [
        "Appello", "Manifest", "Zimmerwald"
    ]  # fmt: skip


def test_the_filters_offer_what_the_published_documents_have(client, conference):
    document(conference, status=DocumentStatus.PUBLISHED, language="de", organization="SPS", country="CH")
    document(conference, language="ru", organization="RSDLP", country="RU")

    form = client.get(url("document-list", conference)).context["form"]

    assert [code for code, _name in form.fields["language"].choices] == ["", "de"]
    assert [name for name, _label in form.fields["organization"].choices] == ["", "SPS"]
    assert [code for code, _name in form.fields["country"].choices] == ["", "CH"]


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_costs_the_same_queries_for_3_and_for_30_documents(client, django_assert_num_queries, count):
    conference = ConferenceFactory()
    for number in range(count):
        made = document(conference, status=DocumentStatus.PUBLISHED, title=f"Paper {number}",
                        organization=f"Party {number}", country="CH")  # fmt: skip
        services.add_translation(made, language="en", upload=pdf(), by_submitter=False)

    # the conference, the filters' languages, organizations and countries, the page's count, the page,
    # its files
    with django_assert_num_queries(7):
        response = client.get(url("document-list", conference), {"q": "paper"})

    assert len(response.context["page"].object_list) == count


def test_a_markdown_abstract_is_shown_without_its_script(client, conference):
    made = document(
        conference,
        status=DocumentStatus.PUBLISHED,
        abstract='**Bold** <script>alert("x")</script> [link](javascript:alert(1)) <img onerror=alert(1)>',
        title="<b>Title</b>",
    )

    page = client.get(url("document-detail", conference, pk=made.pk))

    content = page.content.decode()
    assert "<strong>Bold</strong>" in content
    assert "<script>alert" not in content and "<img" not in content
    assert 'href="javascript' not in content
    assert "&lt;b&gt;Title&lt;/b&gt;" in content


def test_the_document_page_shows_the_original_marked_and_its_translations(client, conference):
    made = document(conference, status=DocumentStatus.PUBLISHED, language="de")
    services.add_translation(made, language="en", upload=pdf(), by_submitter=False)

    page = client.get(url("document-detail", conference, pk=made.pk))

    assert page.status_code == 200
    content = page.content.decode()
    assert content.index(file_url(made)) < content.index(file_url(made, made.files.get(language="en")))
    assert 'hreflang="de"' in content and 'hreflang="en"' in content and "original" in content
