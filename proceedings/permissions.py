"""Who may see and change a document."""

from proceedings.enums import DocumentStatus
from proceedings.models import Document

SUBMITTER_EDITS = {DocumentStatus.SUBMITTED, DocumentStatus.CHANGES_REQUESTED}
SUBMITTER_TRANSLATES = {DocumentStatus.SUBMITTED, DocumentStatus.CHANGES_REQUESTED, DocumentStatus.ACCEPTED}


def is_submitter(user, document: Document) -> bool:
    """The person who submitted it, or the one an organizer submitted it for (by a verified address)."""
    if not user.is_authenticated:
        return False
    if document.submitted_by_id == user.pk:
        return True
    if not document.submitter_email:
        return False
    return document.submitter_email.lower() in user.verified_addresses()


def may_see(user, document: Document, membership) -> bool:
    """Published documents are for everyone who sees the conference; the others for its team and
    their submitter only."""
    return document.is_published or membership is not None or is_submitter(user, document)


def submitter_may_edit(document: Document) -> bool:
    return document.status in SUBMITTER_EDITS


def submitter_may_translate(document: Document) -> bool:
    return document.status in SUBMITTER_TRANSLATES
