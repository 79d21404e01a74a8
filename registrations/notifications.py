"""Mail about a registration, through the outbox, in the participant's language."""

import re
import uuid

from django.urls import reverse
from django.utils import translation

from common.site_urls import absolute_url
from events import notifications as team_notifications
from events.calendar import build_calendar, conference_item
from events.enums import ConferenceFormat
from outbox.delivery import sender_address
from outbox.enums import WebhookEvent
from outbox.rendering import CalendarPart, RenderedMail, render_mail
from outbox.services import queue_event, queue_mail
from registrations.enums import RegistrationStatus
from registrations.models import Registration
from registrations.news import item_for

# A name in a mail to an address nobody has proved is theirs: this long at most, and none that holds
# something a mail program would turn into a link (a scheme, "www.", a domain, an address).
UNVERIFIED_NAME_LIMIT = 60
LINK_LIKE = re.compile(r"(?i)[a-z][a-z0-9+.-]*:|www\.|@|\w\.[a-z]{2,}\b|/")


def address_is_verified(registration) -> bool:
    """Whether the address is known to be its owner's: the signed-in registrant confirmed it, or the
    organizers' invitation went to it."""
    if registration.user_id and registration.email in registration.user.verified_addresses():
        return True
    return registration.invitation_id is not None and registration.invitation.email == registration.email


def name_in_mail(registration) -> str:
    """The registrant's name as the mail shows it. Whoever fills in the form chooses the address, so a mail
    to an unverified one carries no free text of theirs beyond a short name without links (the note and
    the other details never go into mail): the form cannot be used to send a stranger an advert."""
    name = registration.full_name
    if address_is_verified(registration):
        return name
    if LINK_LIKE.search(name):
        return ""
    if len(name) > UNVERIFIED_NAME_LIMIT:
        return name[: UNVERIFIED_NAME_LIMIT - 1].rstrip() + "…"
    return name


def _calendar(registration, method: str, *, name: str, join_url: str) -> CalendarPart:
    conference = registration.conference
    item = conference_item(
        conference, join_url=join_url, organizer=(conference.title, sender_address()),
        attendees=((name, registration.email),),
    )  # fmt: skip
    return CalendarPart(method=method, content=build_calendar([item], method=method))


def join_page_url(conference, token: str | None) -> str:
    """The personal join page of an online or hybrid conference, for a mail that has a personal link.
    (The page belongs to the online app above this one; a URL name is the only thing shared.)"""
    if not token or conference.format == ConferenceFormat.IN_PERSON:
        return ""
    return absolute_url(reverse("online:session-list", kwargs={"token": token}))


STATUS_MAIL = "registrations.status"


def send_status_mail(registration, *, token: str | None, reason: str = "") -> None:
    """Tell the participant where their registration stands: the reason is its status unless given
    ("promoted" from the waiting list, "approved", "moved" for new dates or place, "unseated" when the
    team moved a confirmed registration to the waiting list).

    Only the row is written here, in the caller's transaction: the worker writes the mail from the
    registration (render_status_mail) before sending it, out of the request and of its locks, with the
    status the registration had when it was queued.
    """
    conference = registration.conference
    reason = reason or registration.status
    queue_mail(
        to=registration.email,
        language=registration.language,
        sender_name=conference.mail_sender,
        reply_to=conference.mail_reply_addresses,
        render_with=STATUS_MAIL,
        render_arguments={"reason": reason, "status": registration.status, "token": token or ""},
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


def render_status_mail(message) -> RenderedMail:
    """The status mail queued by send_status_mail(), written in the worker in the mail's language.

    A confirmed seat comes with the conference as a calendar item (METHOD:REQUEST), a cancelled
    one, or one moved to the waiting list, takes it out again (METHOD:CANCEL).
    """
    arguments = message.render_arguments
    registration = Registration.objects.select_related("conference", "user", "invitation").get(
        pk=message.about_id
    )
    registration.status = arguments["status"]  # as it was when the mail was queued
    conference, reason, token = registration.conference, arguments["reason"], arguments["token"]
    link = (
        absolute_url(reverse("registrations:registration-detail", kwargs={"token": token})) if token else ""
    )
    program_feed = absolute_url(reverse("program:program-ics", kwargs={"slug": conference.slug}))
    name = name_in_mail(registration)
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    join_url = join_page_url(conference, token) if confirmed else ""
    with translation.override(message.language):
        calendar = None
        if confirmed:
            calendar = _calendar(registration, "REQUEST", name=name, join_url=join_url)
        elif reason in (RegistrationStatus.CANCELLED, "unseated"):
            calendar = _calendar(registration, "CANCEL", name=name, join_url="")
        context = {
            "registration": registration,
            "name": name,
            "conference": conference,
            "reason": reason,
            "link": link,
            "join_url": join_url,
            "conference_url": absolute_url(conference.get_absolute_url()),
            "program_feed_url": program_feed,
        }
        subject, text = render_mail("registrations/mail/status", context)
    return RenderedMail(subject=subject, text=text, to_name=name, calendar=calendar)


def send_message(registration, *, subject: str, body: str, sender) -> None:
    """An organizer's own message to a participant, replies going to that organizer."""
    conference = registration.conference
    queue_mail(
        to=registration.email,
        to_name=registration.full_name,
        subject=subject,
        text=body,
        language=registration.language,
        sender_name=conference.mail_sender,
        reply_to=[sender.email],
        idempotency_key=f"registration:{registration.pk}:message:{uuid.uuid4().hex}",
        conference=conference,
        about=registration,
    )


def _delegation_mail(delegation, *, to: tuple[str, str], template: str, context: dict, key: str, token=""):
    conference = delegation.conference
    with translation.override(delegation.language):
        subject, text = render_mail(template, {"delegation": delegation, "conference": conference, **context})
    queue_mail(
        to=to[1],
        to_name=to[0],
        subject=subject,
        text=text,
        language=delegation.language,
        sender_name=conference.mail_sender,
        reply_to=conference.mail_reply_addresses,
        idempotency_key=key,
        conference=conference,
        about=delegation,
        redact_after_sending=[token] if token else [],
    )


def send_delegation_link(delegation, *, token: str, to: tuple[str, str]) -> None:
    """The contact's link to register and manage the organization's delegates."""
    link = absolute_url(reverse("registrations:delegation-detail", kwargs={"token": token}))
    _delegation_mail(
        delegation, to=to, template="registrations/mail/delegation_link", token=token,
        context={"name": to[0], "link": link,
                 "conference_url": absolute_url(delegation.conference.get_absolute_url())},
        key=f"delegation-link:{delegation.pk}:{uuid.uuid4().hex}",
    )  # fmt: skip


def send_delegation_report(delegation, *, added, problems) -> None:
    """What happened to each delegate the contact just added: seated, waiting, pending, or refused and why."""
    _delegation_mail(
        delegation, to=(delegation.contact_name, delegation.contact_email),
        template="registrations/mail/delegation_report",
        context={"name": delegation.contact_name, "added": added, "problems": problems},
        key=f"delegation-report:{delegation.pk}:{uuid.uuid4().hex}",
    )  # fmt: skip


def tell_team(conference, changes) -> int:
    """A mail for each change to the team members who chose it (events.notifications.send_team_news):
    `changes` are (NewsKind, registration) pairs, told together in one mail, in the caller's transaction.
    The mail names the registrants (the team may see them) but carries no needs and no note."""
    return team_notifications.send_team_news(
        conference, [item_for(registration, kind) for kind, registration in changes]
    )


def webhook_data(registration) -> dict:
    """A registration as the conference's webhooks receive it (the API's fields)."""
    organization = registration.organization
    return {
        "registration": {
            "id": registration.pk,
            "full_name": registration.full_name,
            "email": registration.email,
            "country": str(registration.country.code or ""),
            "organization_id": registration.organization_id,
            "organization_name": str(organization.name)
            if organization
            else registration.proposed_organization_name,
            "role": registration.role,
            "status": registration.status,
            "language": registration.language,
            "checked_in_at": registration.checked_in_at.isoformat() if registration.checked_in_at else None,
            "created_at": registration.created_at.isoformat(),
            "updated_at": registration.updated_at.isoformat(),
        }
    }


def tell_webhooks(registration, event: str = WebhookEvent.REGISTRATION_CHANGED) -> None:
    """The conference's webhooks that follow this event hear of the registration."""
    queue_event(registration.conference, event=event, data=webhook_data(registration))
