"""Sending a campaign: every recipient becomes an invitation with a personal link, and its mail a row
of the outbox, in one transaction."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.bulk import insert_all
from common.locking import locked
from common.site_urls import absolute_url_builder
from events.enums import ConferenceStatus
from events.models import (
    Campaign,
    CampaignMessage,
    Invitation,
    InvitationLink,
)
from events.services.campaigns.messages import (
    check_message,
    conference_values,
    fill,
    message_for,
    recipient_values,
)
from events.services.invitations import invitation_expiry, new_link
from outbox.services import new_message, queue_mails


@dataclass
class SendReport:
    invited: int = 0
    already_invited: int = 0


def invitation_mail(
    invitation: Invitation,
    message: CampaignMessage,
    values: dict[str, str],
    *,
    key: str,
    token: str,
    subject_prefix: str = "",
    intro: str = "",
):
    conference = invitation.conference
    return new_message(
        to=invitation.email,
        to_name=invitation.name,
        subject=subject_prefix + fill(message.subject, values),
        text=intro + fill(message.body, values),
        language=message.language,
        sender_name=conference.mail_sender,
        reply_to=conference.mail_reply_addresses,
        idempotency_key=key,
        conference=conference,
        about=invitation,
        redact_after_sending=[token],
        batch=invitation.campaign.outbox_batch,
    )


def invitation_link_builder():
    """token -> the absolute URL of its invitation link."""
    return absolute_url_builder("events:invitation-detail", vary="token")


@dataclass(slots=True)
class _RecipientRow:
    """A recipient as send_campaign() needs it: read as plain values, thousands at a time."""

    pk: int
    email: str
    name: str
    organization_id: int | None
    organization_name: str
    country: str
    language: str
    organization = None  # recipient_values() reads organization_name, filled in from the directory


def _recipient_rows(campaign: Campaign) -> list[_RecipientRow]:
    rows = campaign.recipients.order_by("pk").values_list(
        "pk",
        "email",
        "name",
        "organization_id",
        "organization_name",
        "organization__name",
        "country",
        "language",
    )
    return [
        _RecipientRow(pk, email, name, organization_id, typed or listed or "", country, language)
        for pk, email, name, organization_id, typed, listed, country, language in rows
    ]


@transaction.atomic
def send_campaign(campaign: Campaign, *, now: datetime | None = None) -> SendReport:
    """Invite every recipient not yet invited to the conference, each once, in their language.

    Runs again safely: a second send (a double click, or new recipients added since) invites only
    those without an invitation: the campaign's row is locked, so a second send of it waits for the
    first and then finds its invitations. Two campaigns of one conference sent at the same moment to
    the same address meet at the invitations' unique address (ValidationError "race").

    The conference's row is not locked: registrations take that lock to count seats, and a send of ten
    thousand invitations holds its transaction for seconds. Inserting rows that refer to the conference
    takes only a key-share lock on it, which the registrations' lock (common.locking) does not wait for.
    """
    now = now or timezone.now()
    conference = locked(Campaign, campaign.pk, with_related=("conference",)).conference
    if conference.status == ConferenceStatus.DRAFT:
        raise ValidationError(
            _("Publish the conference first: invitees would find its pages closed to them."), code="draft"
        )
    expires_at = invitation_expiry(conference)
    if expires_at <= now:
        raise ValidationError(_("The conference is over: an invitation to it would expire at once."))
    messages = {message.language: message for message in campaign.messages.all()}
    for message in messages.values():
        check_message(subject=message.subject, body=message.body)
    invited = set(Invitation.objects.filter(conference=conference).values_list("email", flat=True))
    recipients = _recipient_rows(campaign)
    report = SendReport(already_invited=sum(recipient.email in invited for recipient in recipients))
    recipients = [recipient for recipient in recipients if recipient.email not in invited]
    if not recipients:
        return report
    chosen = {recipient.pk: message_for(campaign, recipient.language, messages) for recipient in recipients}

    invitations = [
        Invitation(
            conference=conference,
            campaign=campaign,
            email=recipient.email,
            name=recipient.name,
            organization_id=recipient.organization_id,
            country=recipient.country,
            language=chosen[recipient.pk].language,
            expires_at=expires_at,
        )
        for recipient in recipients
    ]
    try:
        with transaction.atomic():
            # No history row per invitation: the campaign records who sent it and when, and the
            # invitation's later changes (its answer) are recorded as usual. It halves the writes.
            invitations = insert_all(Invitation, invitations)
    except IntegrityError:
        raise ValidationError(
            _("Someone invited some of these people at the same moment. Send again to invite the rest."),
            code="race",
        ) from None
    campaign.conference = conference
    per_language = {
        language: conference_values(conference, language)
        for language in {m.language for m in chosen.values()}
    }
    links, mails, link_url = [], [], invitation_link_builder()
    for recipient, invitation in zip(recipients, invitations, strict=True):
        token, link = new_link(invitation)
        links.append(link)
        message = chosen[recipient.pk]
        values = recipient_values(recipient, per_language[message.language], link_url(token))
        mails.append(
            invitation_mail(invitation, message, values, key=f"invitation:{invitation.pk}", token=token)
        )
    insert_all(InvitationLink, links)
    queue_mails(mails)
    campaign.last_sent_at = now
    campaign.save(update_fields=["last_sent_at"])
    report.invited = len(invitations)
    return report
