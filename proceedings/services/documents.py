"""Documents submitted to a conference: the submission, its file in each language, and the organizers'
review with the mail that tells the submitter. Who may do what is in proceedings.permissions, the
reads the pages share in proceedings.selectors.

Uploads reach these functions checked (a form ran `common.uploads.check_upload`); a caller that has
not checked passes no `kind` and the upload is checked here.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common import uploads
from common.site_urls import absolute_url
from outbox.rendering import render_mail
from outbox.services import queue_mail
from proceedings.enums import DocumentStatus
from proceedings.models import Document, DocumentFile
from proceedings.permissions import submitter_may_edit, submitter_may_translate
from registrations.models import Registration

DETAILS = ("title", "authors", "organization", "country", "language", "abstract")
UPLOAD_FOLDER = "documents"


class Decision:
    ACCEPT = "accept"
    CHANGES = "changes"
    REJECT = "reject"
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"


# decision -> (the statuses it may be taken from, the status it leads to)
TRANSITIONS = {
    Decision.ACCEPT: (
        {DocumentStatus.SUBMITTED, DocumentStatus.CHANGES_REQUESTED, DocumentStatus.REJECTED},
        DocumentStatus.ACCEPTED,
    ),
    Decision.CHANGES: ({DocumentStatus.SUBMITTED, DocumentStatus.ACCEPTED}, DocumentStatus.CHANGES_REQUESTED),
    Decision.REJECT: (
        {DocumentStatus.SUBMITTED, DocumentStatus.CHANGES_REQUESTED, DocumentStatus.ACCEPTED},
        DocumentStatus.REJECTED,
    ),
    Decision.PUBLISH: ({DocumentStatus.ACCEPTED}, DocumentStatus.PUBLISHED),
    Decision.UNPUBLISH: ({DocumentStatus.PUBLISHED}, DocumentStatus.ACCEPTED),
}
NOTE_REQUIRED = {Decision.CHANGES, Decision.REJECT}
MAILED = {Decision.CHANGES, Decision.REJECT, Decision.PUBLISH}

# The submitter changes the document and its original while the organizers have not decided; a
# translation may still come once it is accepted. Published documents change only through the team.


def allowed_decisions(document: Document) -> list[str]:
    return [decision for decision, (sources, _target) in TRANSITIONS.items() if document.status in sources]


# Changes -----------------------------------------------------------------------------------


def _checked(upload, kind: uploads.FileKind | None) -> uploads.FileKind:
    if kind is not None:
        return kind
    try:
        return uploads.check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error


def _store(document_file: DocumentFile, upload, kind: uploads.FileKind) -> None:
    """Save the upload under a random name and the row that points at it; the previous file, if
    any, is deleted once the change is committed."""
    previous = document_file.file.name if document_file.pk and document_file.file else ""
    uploads.attach(document_file, upload, kind)  # removed again if the change rolls back
    document_file.save()
    if previous:
        uploads.delete_after_commit([previous])


def _clean_details(details: dict) -> dict:
    unknown = set(details) - set(DETAILS)
    if unknown:
        raise TypeError(f"Not a document's details: {', '.join(sorted(unknown))}")
    return {name: value.strip() if isinstance(value, str) else value for name, value in details.items()}


def submit(
    conference,
    *,
    upload,
    kind: uploads.FileKind | None = None,
    submitted_by=None,
    submitter_email: str = "",
    **details,
) -> Document:
    """A new document with its original file, in the language of the document."""
    kind = _checked(upload, kind)
    details = _clean_details(details)
    document = Document(conference=conference, submitted_by=submitted_by,
                        submitter_email=submitter_email.strip(), **details)  # fmt: skip
    document.full_clean(exclude=["conference", "submitted_by"])
    with uploads.atomic():
        document.save()
        _store(DocumentFile(document=document, language=document.language, is_original=True), upload, kind)
    return document


def _locked(document: Document) -> Document:
    return Document.objects.select_for_update().select_related("conference").get(pk=document.pk)


def _back_to_review(document: Document, *, by_submitter: bool) -> None:
    """A submitter's new version answers the organizers' request for changes."""
    if by_submitter and document.status == DocumentStatus.CHANGES_REQUESTED:
        document.status = DocumentStatus.SUBMITTED


def _refuse_unless_submitter_may_edit(document: Document, by_submitter: bool) -> None:
    if by_submitter and not submitter_may_edit(document):
        raise ValidationError(
            _("The organizers have decided on this document; write to them to change it."), code="locked"
        )


def update_details(document: Document, *, by_submitter: bool, **details) -> Document:
    """Change the title, authors, abstract…; a new language is the original file's too."""
    details = _clean_details(details)
    with transaction.atomic():
        document = _locked(document)
        _refuse_unless_submitter_may_edit(document, by_submitter)
        language = details.get("language", document.language)
        if language != document.language:
            if document.files.filter(language=language, is_original=False).exists():
                raise ValidationError(
                    {"language": _("There is a translation in this language already; remove it first.")}
                )
            document.files.filter(is_original=True).update(language=language)
        for name, value in details.items():
            setattr(document, name, value)
        document.full_clean(exclude=["conference", "submitted_by"])
        _back_to_review(document, by_submitter=by_submitter)
        document.save()
    return document


def replace_original(
    document: Document, upload, kind: uploads.FileKind | None = None, *, by_submitter: bool
) -> Document:
    kind = _checked(upload, kind)
    with uploads.atomic():
        document = _locked(document)
        _refuse_unless_submitter_may_edit(document, by_submitter)
        original = document.files.filter(is_original=True).first() or DocumentFile(
            document=document, language=document.language, is_original=True
        )
        _store(original, upload, kind)
        _back_to_review(document, by_submitter=by_submitter)
        document.save()
    return document


def add_translation(
    document: Document, *, language: str, upload, kind: uploads.FileKind | None = None, by_submitter: bool
) -> DocumentFile:
    """The document's file in another language; a second one in the same language replaces the first."""
    kind = _checked(upload, kind)
    with uploads.atomic():
        document = _locked(document)
        if by_submitter and not submitter_may_translate(document):
            raise ValidationError(
                _("The document is published; write to the organizers to add a translation."), code="locked"
            )
        if language == document.language:
            raise ValidationError(
                {"language": _("This is the language of the original; replace the original instead.")}
            )
        translation_file = document.files.filter(language=language).first() or DocumentFile(
            document=document, language=language, is_original=False
        )
        _store(translation_file, upload, kind)
        document.save(update_fields=["updated_at"])
    return translation_file


def remove_translation(document: Document, document_file: DocumentFile, *, by_submitter: bool) -> None:
    with transaction.atomic():
        document = _locked(document)
        if by_submitter and not submitter_may_translate(document):
            raise ValidationError(
                _("The document is published; write to the organizers to remove a translation."),
                code="locked",
            )
        if document_file.document_id != document.pk or document_file.is_original:
            raise ValidationError(_("The original stays; replace it with a new version instead."))
        name = document_file.file.name
        document_file.delete()
        uploads.delete_after_commit([name])


def published_refusal(document: Document) -> str:
    """Why a document cannot be deleted, or "": a published one is taken back by unpublishing it."""
    if document.status == DocumentStatus.PUBLISHED:
        return _("“%(title)s” is published: unpublish it first.") % {"title": document.title}
    return ""


def delete_document(document: Document) -> None:
    """For the team: a submission that should never have been made (spam, a duplicate). A published
    document is refused: what the team means then is to unpublish it. The row stays in its history."""
    refusal = published_refusal(document)
    if refusal:
        raise ValidationError(refusal, code="published")
    with transaction.atomic():
        names = [name for name in document.files.values_list("file", flat=True) if name]
        document.delete()
        uploads.delete_after_commit(names)


def decide(document: Document, decision: str, *, note: str = "") -> Document:
    """The organizers' decision: accept, ask for changes, reject (those two with a note to the
    submitter), publish an accepted document or take a published one back. The submitter is told
    by mail of a request for changes, a rejection and the publication."""
    if decision not in TRANSITIONS:
        raise ValidationError(_("Choose what to do with the document."), code="decision")
    note = note.replace("\x00", "").strip()
    with transaction.atomic():
        document = _locked(document)
        sources, target = TRANSITIONS[decision]
        if document.status not in sources:
            raise ValidationError(
                _("That cannot be done to a document whose status is “%(status)s”.")
                % {"status": document.get_status_display()},
                code="transition",
            )
        if decision in NOTE_REQUIRED and not note:
            raise ValidationError({"note": _("Tell the submitter why, in a note.")}, code="note")
        document.status = target
        if decision in (Decision.ACCEPT, Decision.CHANGES, Decision.REJECT):
            document.review_note = note
        if decision == Decision.PUBLISH:
            document.published_at = timezone.now()
        elif decision == Decision.UNPUBLISH:
            document.published_at = None
        document.save()
        if decision in MAILED:
            _tell_submitter(document, decision)
    return document


# Mail --------------------------------------------------------------------------------------


def submitter_address(document: Document) -> str:
    return document.submitter_email or (document.submitted_by.email if document.submitted_by else "")


def _mail_language(document: Document, address: str) -> str:
    """The submitter's own choice when they have an account, else that of their registration."""
    if document.submitted_by is not None and document.submitted_by.language:
        return document.submitted_by.language
    registration = (
        Registration.objects.filter(conference=document.conference, email__iexact=address)
        .order_by("-pk")
        .first()
    )
    return registration.language if registration and registration.language else settings.LANGUAGE_CODE


def _tell_submitter(document: Document, decision: str) -> None:
    address = submitter_address(document)
    if not address:
        return
    conference = document.conference
    language = _mail_language(document, address)
    slug = conference.slug
    with translation.override(language):
        context = {
            "document": document,
            "conference": conference,
            "decision": decision,
            "name": document.submitted_by.full_name if document.submitted_by else "",
            "mine_url": absolute_url(reverse("proceedings:document-mine", kwargs={"slug": slug})),
            "document_url": absolute_url(
                reverse("proceedings:document-detail", kwargs={"slug": slug, "pk": document.pk})
            ),
        }
        subject, text = render_mail("proceedings/mail/document_decision", context)
    queue_mail(
        to=address,
        to_name=context["name"],
        subject=subject,
        text=text,
        language=language,
        sender_name=conference.mail_sender,
        reply_to=conference.mail_reply_addresses,
        # Every decision is its own mail: a second request for changes is news too.
        idempotency_key=f"document:{document.pk}:{decision}:{uuid.uuid4().hex}",
        conference=conference,
        about=document,
    )
