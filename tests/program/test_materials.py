"""Speakers and materials are edited with their session; files are checked and served safely."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from program.models import Session, SessionMaterial, SessionPerson
from program.services import create_session
from registrations.enums import RegistrationStatus
from registrations.services import register
from tests.factories import ConferenceFactory, OrganizationFactory, RegistrationFactory
from tests.program.test_editor import form_data
from tests.program.test_program import at

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% slides\n"


def create_url(conference) -> str:
    return reverse("program:manage-session-create", kwargs={"slug": conference.slug})


def test_speakers_are_saved_with_the_session_and_linked_to_their_registration(client, organizer):
    conference = organizer.conference
    registration = RegistrationFactory(
        conference=conference, email="Ana.Lima@example.org", country="BR",
        organization=OrganizationFactory(name="Frente Ampla"), status=RegistrationStatus.CONFIRMED,
    )  # fmt: skip
    people = [
        {"name": "Ana Lima", "role": "speaker", "email": "ana.lima@EXAMPLE.org"},
        {"name": "Kemal Aydin", "role": "chair", "organization": "HDP", "country": "TR"},
    ]

    response = client.post(create_url(conference), form_data(conference, people=people))

    assert response.status_code == 302
    ana, kemal = Session.objects.get().people.order_by("name")
    assert (ana.registration, ana.organization, ana.country.code) == (registration, "Frente Ampla", "BR")
    assert (kemal.registration, kemal.role, kemal.country.code) == (None, "chair", "TR")


def test_a_registration_made_later_links_the_speaker_it_names(organizer):
    conference = organizer.conference
    session = create_session(conference, title="Report", starts_at=at(conference, 0, 9),
                             ends_at=at(conference, 0, 10))  # fmt: skip
    person = SessionPerson.objects.create(session=session, name="Ana Lima", email="ana@example.org")
    elsewhere = RegistrationFactory(email="ana@example.org")  # another conference's

    registration = register(conference, full_name="Ana Lima", email="ANA@example.org", country="BR",
                            outside_window=True).registration  # fmt: skip

    person.refresh_from_db()
    assert person.registration == registration != elsewhere


def test_a_person_without_a_name_is_a_form_error_and_nothing_is_saved(client, organizer):
    conference = organizer.conference

    response = client.post(
        create_url(conference), form_data(conference, people=[{"role": "speaker", "email": "x@example.org"}])
    )

    assert response.status_code == 400
    assert not Session.objects.exists() and not SessionPerson.objects.exists()


def test_a_link_and_a_file_are_added_and_the_file_is_served_under_a_random_name(client, organizer):
    conference = organizer.conference
    materials = [
        {"title": "Draft declaration", "url": "https://example.org/draft"},
        {"title": "Slides", "file": SimpleUploadedFile("../../slides.exe.pdf", PDF), "language": "fr"},
    ]

    response = client.post(create_url(conference), form_data(conference, materials=materials))

    assert response.status_code == 302
    session = Session.objects.get()
    link, slides = session.materials.order_by("pk")
    assert link.url == "https://example.org/draft" and not link.file
    assert slides.file.name.count("/") == 1 and slides.file.name.startswith("materials/")
    assert "slides" not in slides.file.name
    assert (slides.file_kind, slides.file_size) == ("pdf", len(PDF))
    page = client.get(reverse("program:session-detail", kwargs={"slug": conference.slug, "pk": session.pk}))
    assert "Draft declaration" in page.content.decode() and "Slides" in page.content.decode()
    served = client.get(
        reverse("program:material-download", kwargs={"slug": conference.slug, "pk": slides.pk})
    )
    assert b"".join(served.streaming_content) == PDF
    assert served["Content-Type"] == "application/pdf"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"].startswith('attachment; filename="Slides.pdf"')
    assert "sandbox" in served["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("material", "message"),
    [
        ({"title": "Program", "file": SimpleUploadedFile("tool.pdf", b"MZ\x90\x00binary")}, "not one of"),
        (
            {"title": "Both", "url": "https://example.org/a", "file": SimpleUploadedFile("a.pdf", PDF)},
            "not both",
        ),
        ({"title": "Neither"}, "Give a link or a file."),
        ({"title": "Script", "url": "javascript:alert(1)"}, "Enter a valid URL."),
    ],
)
def test_a_bad_material_is_a_form_error_and_nothing_is_stored(client, organizer, material, message):
    conference = organizer.conference
    stored_before = default_storage.listdir("materials")[1] if default_storage.exists("materials") else []

    response = client.post(create_url(conference), form_data(conference, materials=[material]))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Session.objects.exists() and not SessionMaterial.objects.exists()
    stored_after = default_storage.listdir("materials")[1] if default_storage.exists("materials") else []
    assert stored_after == stored_before


def test_materials_are_found_only_through_their_own_visible_conference(client):
    draft = ConferenceFactory(status="draft")
    session = create_session(draft, title="Closed", starts_at=at(draft, 0, 9), ends_at=at(draft, 0, 10))
    material = SessionMaterial.objects.create(session=session, title="Notes", url="https://example.org/n")
    hidden = SessionMaterial.objects.create(
        session=session, title="Paper", file="materials/x.pdf", file_kind="pdf"
    )
    public = ConferenceFactory()

    for pk in (material.pk, hidden.pk):
        assert (
            client.get(
                reverse("program:material-download", kwargs={"slug": draft.slug, "pk": pk})
            ).status_code
            == 404
        )
        assert (
            client.get(
                reverse("program:material-download", kwargs={"slug": public.slug, "pk": pk})
            ).status_code
            == 404
        )
