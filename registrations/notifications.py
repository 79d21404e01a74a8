"""Mail about a registration, through the outbox, in the participant's language."""

import uuid

from django.urls import reverse
from django.utils import translation

from events.calendar import absolute_url, build_calendar, conference_item
from outbox.rendering import render_mail
from outbox.services import CalendarPart, queue_mail, sender_address
from registrations.enums import RegistrationStatus


def _calendar(registration, method: str) -> CalendarPart:
    conference = registration.conference
    item = conference_item(
        conference,
        organizer=(conference.title, sender_address()),
        attendees=((registration.full_name, registration.email),),
    )
    return CalendarPart(method=method, content=build_calendar([item], method=method))


def send_status_mail(registration, *, token: str | None, reason: str = "") -> None:
    """Tell the participant where their registration stands: the reason is its status unless given
    ("promoted" from the waiting list, "approved", "moved" for new dates or place).

    A confirmed seat comes with the conference as a calendar item (METHOD:REQUEST), a cancelled
    one takes it out again (METHOD:CANCEL).
    """
    conference = registration.conference
    reason = reason or registration.status
    link = absolute_url(reverse("registrations:own", kwargs={"token": token})) if token else ""
    program_feed = absolute_url(reverse("program:program-ics", kwargs={"slug": conference.slug}))
    calendar = None
    if registration.status == RegistrationStatus.CONFIRMED:
        calendar = _calendar(registration, "REQUEST")
    elif reason == RegistrationStatus.CANCELLED:
        calendar = _calendar(registration, "CANCEL")
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "conference": conference,
            "reason": reason,
            "link": link,
            "conference_url": absolute_url(conference.get_absolute_url()),
            "program_feed_url": program_feed,
        }
        subject, text = render_mail("registrations/mail/status", context)
    queue_mail(
        to=registration.email,
        to_name=registration.full_name,
        subject=subject,
        text=text,
        language=registration.language,
        sender_name=conference.title,
        calendar=calendar,
        # Each change of status is its own mail; the conference's SEQUENCE keys the "moved" ones.
        idempotency_key=(
            f"registration:{registration.pk}:moved:{conference.sequence}"
            if reason == "moved"
            else f"registration:{registration.pk}:{reason}:{uuid.uuid4().hex}"
        ),
        conference=conference,
        about=registration,
        redact_after_sending=[token] if token else [],
    )


def send_conference_moved(sender, *, conference, **kwargs) -> None:
    """Receiver of events.signals.conference_moved: every confirmed participant's calendar follows."""
    for registration in conference.registrations.filter(status=RegistrationStatus.CONFIRMED):
        registration.conference = conference
        send_status_mail(registration, token=None, reason="moved")


def send_message(registration, *, subject: str, body: str, sender) -> None:
    """An organizer's own message to a participant, replies going to that organizer."""
    conference = registration.conference
    queue_mail(
        to=registration.email,
        to_name=registration.full_name,
        subject=subject,
        text=body,
        language=registration.language,
        sender_name=conference.title,
        reply_to=[sender.email],
        idempotency_key=f"registration:{registration.pk}:message:{uuid.uuid4().hex}",
        conference=conference,
        about=registration,
    )
