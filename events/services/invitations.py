"""Invitations to a conference: issued with a personal link, answered without an account."""

import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events import notifications
from events.enums import InvitationAnswer
from events.models import Conference, Invitation, InvitationLink, Organization, hash_token
from events.news import answer_item

ANSWERS = {InvitationAnswer.ACCEPTED, InvitationAnswer.DECLINED, InvitationAnswer.MAYBE}


class InvitationUnavailable(Exception):
    """Unknown, tampered or expired: the visitor is told only that the link does not work."""


def invitation_expiry(conference: Conference) -> datetime:
    """The end of the conference's last day, in its own time zone."""
    return datetime.combine(conference.ends_on + timedelta(days=1), time.min, tzinfo=conference.zone)


@transaction.atomic
def invite(
    conference: Conference,
    *,
    email: str,
    name: str = "",
    organization: Organization | None = None,
    country: str = "",
    language: str = "",
) -> tuple[Invitation, bool]:
    """Invite an address once: (the invitation, whether it is new). A new one is mailed with its link.

    The link carries 256 random bits; only their SHA-256 is stored, and the outbox blanks the link
    from its copy of the mail once it is sent.
    """
    email = email.strip().lower()
    existing = Invitation.objects.filter(conference=conference, email__iexact=email).first()
    if existing is not None:
        return existing, False
    if invitation_expiry(conference) <= timezone.now():
        raise ValidationError(_("The conference is over: an invitation to it would expire at once."))
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                conference=conference,
                email=email,
                name=name.strip(),
                organization=organization,
                country=country,
                language=language or conference_language(conference),
                expires_at=invitation_expiry(conference),
            )
    except IntegrityError:  # a second request invited the same address at the same moment
        return Invitation.objects.get(conference=conference, email__iexact=email), False
    token, link = new_link(invitation)
    link.save()
    notifications.send_invitation(invitation, token=token)
    return invitation, True


def new_link(invitation: Invitation) -> tuple[str, InvitationLink]:
    """A fresh personal link (unsaved) and its token: 256 random bits, of which only the hash is kept."""
    token = secrets.token_urlsafe(32)
    return token, InvitationLink(invitation=invitation, token_hash=hash_token(token))


def fresh_link_token(invitation: Invitation) -> str:
    """A new personal link for the invitation, saved; its token (for a retried mail)."""
    token, link = new_link(invitation)
    link.save()
    return token


def conference_language(conference: Conference) -> str:

    return (conference.working_languages or [settings.LANGUAGE_CODE])[0]


def invitation_for_token(token: str, *, now: datetime | None = None) -> Invitation:
    if not token or len(token) > 100:
        raise InvitationUnavailable
    invitation = (
        Invitation.objects.select_related("conference", "organization")
        .filter(links__token_hash=hash_token(token))
        .first()
    )
    if invitation is None or invitation.expires_at <= (now or timezone.now()):
        raise InvitationUnavailable
    return invitation


@transaction.atomic
def answer_invitation(invitation: Invitation, *, answer: str, message: str = "") -> Invitation:
    """Record the answer; answering again changes it. The team members who chose a mail for each change
    are told, with the message."""
    if answer not in ANSWERS:
        raise ValidationError({"answer": _("Choose to accept, decline or answer maybe.")})
    invitation.answer = answer
    invitation.answer_message = message.strip()[:2000]
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["answer", "answer_message", "answered_at"])
    notifications.send_team_news(invitation.conference, [answer_item(invitation)])
    notifications.tell_webhooks_of_answer(invitation)
    return invitation
