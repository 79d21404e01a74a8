"""Who may see and change a document, and propose amendments to a declaration."""

from django.utils import timezone

from proceedings.enums import DeclarationStatus, DocumentStatus
from proceedings.models import Declaration, Document
from registrations.enums import ParticipantRole, RegistrationStatus

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


def may_submit(registration, membership) -> bool:
    """Documents come from the conference's confirmed participants (`registration`, the person's
    confirmed one or None) and its team, before, during and after the conference."""
    return registration is not None or membership is not None


def submitter_may_edit(document: Document) -> bool:
    return document.status in SUBMITTER_EDITS


def submitter_may_translate(document: Document) -> bool:
    return document.status in SUBMITTER_TRANSLATES


def window_is_open(declaration: Declaration, now=None) -> bool:
    now = now or timezone.now()
    return (
        declaration.status == DeclarationStatus.AMENDING
        and declaration.amendments_open_at is not None
        and declaration.amendments_open_at <= now
        and (declaration.amendments_close_at is None or now < declaration.amendments_close_at)
    )


def may_propose(registration, declaration: Declaration) -> bool:
    return (
        registration is not None
        and registration.conference_id == declaration.conference_id
        and registration.status == RegistrationStatus.CONFIRMED
        and registration.role == ParticipantRole.DELEGATE
    )
