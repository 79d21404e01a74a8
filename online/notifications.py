"""The mails of online participation: the reminder before the start, with each person's join page."""

from datetime import datetime

from django.urls import reverse
from django.utils import translation

from common.site_urls import absolute_url
from online.models import StartReminder
from outbox.models import OutboxMessage
from outbox.rendering import render_mail
from outbox.services import new_message
from registrations.notifications import name_in_mail


def start_reminder_mail(
    reminder: StartReminder, registration, *, token: str, starts_at: datetime
) -> OutboxMessage:
    """An unsaved outbox row: the reminder to one confirmed participant, in their language."""
    conference = reminder.conference
    with translation.override(registration.language):
        context = {
            "conference": conference,
            "name": name_in_mail(registration),
            "starts_at": starts_at,
            "join_url": absolute_url(reverse("online:session-list", kwargs={"token": token})),
            "link": absolute_url(reverse("registrations:registration-detail", kwargs={"token": token})),
            "program_url": absolute_url(reverse("program:session-list", kwargs={"slug": conference.slug})),
        }
        subject, text = render_mail("online/mail/start_reminder", context)
    return new_message(
        to=registration.email,
        to_name=context["name"],
        subject=subject,
        text=text,
        language=registration.language,
        sender_name=conference.mail_sender,
        reply_to=conference.mail_reply_addresses,
        idempotency_key=f"start-reminder:{reminder.pk}:{registration.pk}",
        conference=conference,
        about=registration,
        redact_after_sending=[token],
        batch=f"start-reminder:{reminder.pk}",
    )
