"""What the documents tests share: files, people and documents in each status."""

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from proceedings.enums import DocumentStatus
from proceedings.models import Document
from proceedings.services import documents as services
from tests.factories import RegistrationFactory, UserFactory

PDF = b"%PDF-1.7\n% a paper for the conference\n"


def pdf(name: str = "paper.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def stored_documents() -> list[str]:
    return sorted(default_storage.listdir("documents")[1]) if default_storage.exists("documents") else []


def participant(conference, **registration):
    """A signed-up person with a confirmed registration under their verified address."""
    user = UserFactory()
    RegistrationFactory(conference=conference, email=user.email, **registration)
    return user


def document(conference, *, status: str = DocumentStatus.SUBMITTED, submitted_by=None, **details) -> Document:
    fields = {"title": "On the war", "authors": "Rosa Grimm", "language": "de", **details}
    made = services.submit(
        conference,
        upload=pdf(),
        submitted_by=submitted_by,
        submitter_email=submitted_by.email if submitted_by else "someone@example.org",
        **fields,
    )
    published_at = timezone.now() if status == DocumentStatus.PUBLISHED else None
    Document.objects.filter(pk=made.pk).update(status=status, published_at=published_at)
    made.refresh_from_db()
    return made


def url(name: str, conference, **kwargs) -> str:
    return reverse(f"proceedings:{name}", kwargs={"slug": conference.slug, **kwargs})


def file_url(made: Document, stored=None) -> str:
    stored = stored or made.files.get(is_original=True)
    return url("document-file", made.conference, pk=made.pk, file_pk=stored.pk)
