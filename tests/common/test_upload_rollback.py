"""A file stored inside a transaction that rolls back is removed from storage: no orphans."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from common import uploads
from proceedings.enums import DocumentStatus
from proceedings.models import DocumentFile
from proceedings.services import documents as document_services
from program.models import Session, SessionMaterial
from registrations import services as registration_services
from tests.factories import ConferenceFactory
from tests.proceedings.documents import document, pdf, stored_documents
from tests.program.test_editor import form_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% slides\n"


def stored_materials() -> list[str]:
    return sorted(default_storage.listdir("materials")[1]) if default_storage.exists("materials") else []


def test_a_session_whose_save_rolls_back_leaves_no_material_file(client, organizer, monkeypatch):
    conference = organizer.conference
    before = stored_materials()

    def refuse(people):
        raise ValidationError("The registrations cannot be linked now.")

    monkeypatch.setattr(
        registration_services, "link_session_people", refuse
    )  # fails after the file is stored
    materials = [{"title": "Slides", "file": SimpleUploadedFile("slides.pdf", PDF)}]

    response = client.post(
        reverse("program:manage-session-create", kwargs={"slug": conference.slug}),
        form_data(conference, materials=materials),
    )

    assert response.status_code == 400
    assert (Session.objects.count(), SessionMaterial.objects.count()) == (0, 0)
    assert stored_materials() == before


def test_a_replaced_original_that_rolls_back_leaves_no_file(monkeypatch):
    made = document(ConferenceFactory(), status=DocumentStatus.SUBMITTED)
    before = stored_documents()

    def refuse(document, *, by_submitter):
        raise ValidationError("No.")

    monkeypatch.setattr(document_services, "_back_to_review", refuse)  # fails after the file is stored

    with pytest.raises(ValidationError):
        document_services.replace_original(made, pdf("new.pdf"), by_submitter=True)

    assert stored_documents() == before
    assert DocumentFile.objects.filter(document=made).count() == 1


def test_a_file_stored_in_a_nested_block_goes_when_the_outer_block_rolls_back():
    conference = ConferenceFactory()
    before = stored_documents()

    with pytest.raises(RuntimeError), uploads.atomic():
        document_services.submit(conference, upload=pdf(), title="Paper", authors="A", language="en")
        raise RuntimeError("the caller's own transaction fails later")

    assert stored_documents() == before


def test_a_committed_file_stays():
    conference = ConferenceFactory()

    with transaction.atomic():
        made = document_services.submit(conference, upload=pdf(), title="Paper", authors="A", language="en")

    assert default_storage.exists(made.files.get().file.name)
