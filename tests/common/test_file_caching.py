"""Published files are revalidated on every use: unpublishing takes effect at once, even behind a proxy."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from events.enums import ConferenceStatus, TeamRole
from proceedings.enums import DocumentStatus
from proceedings.services import documents as services
from program.models import SessionMaterial
from program.services import create_session
from tests.factories import ConferenceFactory, MembershipFactory
from tests.proceedings.documents import PDF, document, file_url
from tests.program.test_program import at

pytestmark = pytest.mark.django_db


def test_a_published_document_file_is_revalidated_and_gone_once_unpublished(client):
    made = document(ConferenceFactory(), status=DocumentStatus.PUBLISHED)

    served = client.get(file_url(made))
    etag = served["ETag"]
    revalidated = client.get(file_url(made), headers={"If-None-Match": etag})
    services.decide(made, "unpublish")
    after = client.get(file_url(made), headers={"If-None-Match": etag})

    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
    assert served["Cache-Control"] == "public, no-cache"
    assert etag.startswith('"') and len(etag) == 34
    assert revalidated.status_code == 304
    assert revalidated["ETag"] == etag
    assert revalidated["Cache-Control"] == "public, no-cache"
    assert after.status_code == 404


def test_a_different_file_has_a_different_etag(client):
    conference = ConferenceFactory()
    first = document(conference, status=DocumentStatus.PUBLISHED)
    second = document(conference, status=DocumentStatus.PUBLISHED)

    assert client.get(file_url(first))["ETag"] != client.get(file_url(second))["ETag"]


def test_an_unpublished_document_file_is_never_cached_publicly(client):
    made = document(ConferenceFactory(), status=DocumentStatus.ACCEPTED)
    client.force_login(MembershipFactory(conference=made.conference, role=TeamRole.VIEWER).user)

    served = client.get(file_url(made))

    assert served.status_code == 200
    assert served["Cache-Control"] == "private, no-store"


def test_a_session_material_is_revalidated_and_gone_once_the_conference_is_unpublished(client):
    conference = ConferenceFactory()
    session = create_session(
        conference, title="Opening", starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 10)
    )
    material = SessionMaterial(session=session, title="Slides", file_kind="pdf", file_size=len(PDF))
    material.file.save("slides.pdf", ContentFile(PDF), save=True)
    url = reverse("program:material-download", kwargs={"slug": conference.slug, "pk": material.pk})

    served = client.get(url)
    revalidated = client.get(url, headers={"If-None-Match": served["ETag"]})
    conference.status = ConferenceStatus.DRAFT
    conference.save()
    after = client.get(url, headers={"If-None-Match": served["ETag"]})

    assert (served.status_code, served["Cache-Control"]) == (200, "public, no-cache")
    assert revalidated.status_code == 304
    assert after.status_code == 404
