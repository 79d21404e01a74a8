"""Deleting a document: a confirmation page first; a published one is unpublished, not deleted."""

import pytest
from django.urls import reverse

from events.enums import TeamRole
from proceedings.enums import DocumentStatus
from proceedings.models import Document
from proceedings.services import documents as services
from tests.factories import ConferenceFactory
from tests.proceedings.documents import document, pdf, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference():
    return ConferenceFactory()


@pytest.fixture
def organizer(sign_in_team, conference):
    return sign_in_team(TeamRole.ORGANIZER, conference=conference)


def test_deleting_a_document_asks_first_naming_its_files(client, organizer, conference):
    made = document(conference, title="Spam")
    services.add_translation(made, language="fr", upload=pdf(), by_submitter=False)

    page = client.get(url("manage-document-delete", conference, pk=made.pk))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Delete “<bdi>Spam</bdi>”?" in text
    assert "Its 2 files are deleted with it." in text
    assert Document.objects.filter(pk=made.pk).exists()


def test_a_published_document_is_not_deleted_but_sent_to_unpublish(client, organizer, conference):
    made = document(conference, status=DocumentStatus.PUBLISHED, title="Manifest")

    page = client.get(url("manage-document-delete", conference, pk=made.pk))
    response = client.post(url("manage-document-delete", conference, pk=made.pk), follow=True)

    assert "“Manifest” is published: unpublish it first." in page.content.decode()
    assert [str(message) for message in response.context["messages"]] == [
        "“Manifest” is published: unpublish it first."
    ]
    assert Document.objects.filter(pk=made.pk).exists()


def test_a_deleted_document_is_in_the_conferences_history(client, organizer, conference):
    made = document(conference, title="Spam")

    client.post(url("manage-document-delete", conference, pk=made.pk))
    history = client.get(reverse("events:manage-conference-history", kwargs={"slug": conference.slug}))

    [record] = Document.history.filter(id=made.pk, history_type="-")
    assert (record.title, record.history_user) == ("Spam", organizer.user)
    assert "Removed: <bdi>Document “<bdi>Spam</bdi>”</bdi>" in history.content.decode()


def test_the_review_page_links_to_the_confirmation_page(client, organizer, conference):
    made = document(conference)

    page = client.get(url("manage-document-review", conference, pk=made.pk))

    assert f'href="{url("manage-document-delete", conference, pk=made.pk)}"' in page.content.decode()
