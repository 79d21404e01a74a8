"""Reminders to the invitees of a campaign who have neither answered nor registered."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common.bulk import insert_all
from events.enums import InvitationAnswer
from events.models import (
    Campaign,
    CampaignReminder,
    InvitationLink,
)
from events.services.campaigns.messages import conference_values, message_for, recipient_values
from events.services.campaigns.sending import invitation_link_builder, invitation_mail
from events.services.invitations import invitation_expiry, new_link
from outbox.rendering import render_text
from outbox.services import queue_mails


def schedule_reminder(
    campaign: Campaign, *, due_at: datetime, by=None, now: datetime | None = None
) -> CampaignReminder:
    """A reminder to those who have not answered by then, sent by the beat sweep once due."""
    now = now or timezone.now()
    if due_at < now:
        raise ValidationError({"due_at": _("Choose a time in the future.")}, code="past")
    if due_at >= invitation_expiry(campaign.conference):
        raise ValidationError({"due_at": _("Choose a time before the conference ends.")}, code="too_late")
    return CampaignReminder.objects.create(campaign=campaign, due_at=due_at, created_by=by)


@transaction.atomic
def remind_now(campaign: Campaign, *, by=None, now: datetime | None = None) -> CampaignReminder:
    now = now or timezone.now()
    reminder = CampaignReminder.objects.create(campaign=campaign, due_at=now, created_by=by)
    send_reminder(reminder.pk, now=now)
    reminder.refresh_from_db()
    return reminder


def cancel_reminder(reminder: CampaignReminder) -> None:
    with transaction.atomic():
        locked = (
            CampaignReminder.objects.select_for_update().filter(pk=reminder.pk, sent_at__isnull=True).first()
        )
        if locked is None:
            raise ValidationError(
                pgettext("an invitation campaign's reminder", "This reminder has already gone out."),
                code="sent",
            )
        locked.delete()


@transaction.atomic
def send_reminder(reminder_id: int, *, now: datetime | None = None) -> int:
    """Remind each unanswered, unexpired invitation of the campaign, with a fresh personal link.

    Returns how many were reminded; 0 if the reminder was sent already or another worker holds it.
    """
    now = now or timezone.now()
    reminder = (
        CampaignReminder.objects.select_for_update(skip_locked=True)
        .select_related("campaign__conference")
        .filter(pk=reminder_id, sent_at__isnull=True)
        .first()
    )
    if reminder is None:
        return 0
    campaign = reminder.campaign
    messages = {message.language: message for message in campaign.messages.all()}
    registered = campaign.conference.registrations.active()
    pending = list(
        campaign.invitations.filter(answer=InvitationAnswer.PENDING, expires_at__gt=now)
        .exclude(email__in=registered.values("email"))  # registered without using the invitation's link
        .select_related("organization", "conference")
    )
    recipients = {
        recipient.email: recipient for recipient in campaign.recipients.select_related("organization")
    }
    per_language: dict[str, tuple[dict, str, str]] = {}
    links, mails, link_url = [], [], invitation_link_builder()
    for invitation in pending:
        invitation.campaign = campaign
        message = message_for(campaign, invitation.language, messages)
        if message.language not in per_language:
            with translation.override(message.language):
                per_language[message.language] = (
                    conference_values(campaign.conference, message.language),
                    _("Reminder: "),
                    render_text(
                        "events/mail/campaign_reminder_intro.txt", {"conference": campaign.conference}
                    ),
                )
        conference_part, prefix, intro = per_language[message.language]
        token, link = new_link(invitation)
        links.append(link)
        person = recipients.get(invitation.email, invitation)  # an invitation has a name and organization too
        values = recipient_values(person, conference_part, link_url(token))
        key = f"campaign-reminder:{reminder.pk}:{invitation.pk}"
        mails.append(
            invitation_mail(
                invitation, message, values, key=key, token=token, subject_prefix=prefix, intro=intro
            )
        )
    insert_all(InvitationLink, links)
    queue_mails(mails)
    reminder.sent_at = now
    reminder.recipient_count = len(pending)
    reminder.save(update_fields=["sent_at", "recipient_count"])
    return len(pending)


def send_due_reminders(*, now: datetime | None = None) -> list[int]:
    """The beat sweep: send every reminder whose time has come. Each in its own transaction."""
    now = now or timezone.now()
    due = list(
        CampaignReminder.objects.filter(sent_at__isnull=True, due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)
    )
    sent = []
    for reminder_id in due:
        try:
            send_reminder(reminder_id, now=now)
        except ValidationError:  # e.g. the default message was deleted: leave it due and visible
            continue
        sent.append(reminder_id)
    return sent
