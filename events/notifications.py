"""Mail that the events app sends, always through the outbox and inside the caller's transaction."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from common.site_urls import absolute_url
from events.calendar import build_calendar, meeting_item
from events.enums import MeetingStatus
from events.models import ConferenceMembership
from outbox.delivery import sender_address
from outbox.rendering import render_mail
from outbox.services import CalendarPart, queue_mail


def send_team_invitation(membership: ConferenceMembership, *, invited_by, new_account: bool):
    """Tell a person they are on a conference's team, in their language, once per membership."""
    user, conference = membership.user, membership.conference
    language = user.language or settings.LANGUAGE_CODE
    dashboard = reverse("events:manage-conference-dashboard", kwargs={"slug": conference.slug})
    with translation.override(language):
        context = {
            "membership": membership,
            "conference": conference,
            "invited_by": invited_by,
            "new_account": new_account,
            "workspace_url": absolute_url(dashboard),
            "login_code_url": absolute_url(reverse("account_request_login_code")),
            "SITE_NAME": settings.SITE_NAME,
        }
        subject, text = render_mail("events/mail/team_invitation", context)
    return queue_mail(
        to=user.email,
        to_name=user.full_name,
        subject=subject,
        text=text,
        language=language,
        sender_name=conference.mail_sender,
        reply_to=[invited_by.email],
        idempotency_key=f"team-invitation:{membership.pk}",
        conference=conference,
        about=membership,
    )


def _meeting_calendar(meeting, participant, *, method: str):
    """The meeting as it is now, with the one participant it is mailed to as its only attendee."""

    item = meeting_item(
        meeting,
        organizer=(meeting.conference.title, sender_address()),
        attendees=((participant.name, participant.email),),
    )
    return CalendarPart(method=method, content=build_calendar([item], method=method))


def _meeting_mail(participant, *, method: str, reason: str) -> None:
    """One calendar mail to one participant: REQUEST (invitation or update) or CANCEL.

    The idempotency key carries the SEQUENCE, so each version of the meeting is mailed once.
    """
    meeting = participant.meeting
    calendar = _meeting_calendar(meeting, participant, method=method)
    conference = meeting.conference
    language = (participant.user.language if participant.user else "") or settings.LANGUAGE_CODE
    ics_url = absolute_url(reverse("events:meeting-ics", kwargs={"uid": meeting.uid}))
    with translation.override(language):
        context = {"meeting": meeting, "conference": conference, "participant": participant, "reason": reason,
                   "ics_url": ics_url}  # fmt: skip
        subject, text = render_mail("events/mail/meeting", context)
    queue_mail(
        to=participant.email,
        to_name=participant.name,
        subject=subject,
        text=text,
        language=language,
        sender_name=conference.mail_sender,
        reply_to=conference.mail_reply_addresses,
        calendar=calendar,
        idempotency_key=f"meeting:{meeting.pk}:participant:{participant.pk}:{calendar.method}:{meeting.sequence}",
        conference=conference,
        about=meeting,
    )


def send_meeting_invitation(participant) -> None:
    _meeting_mail(participant, method="REQUEST", reason="invited")


def send_meeting_update(meeting) -> None:
    """After a change of time, place, title or status: every participant's calendar entry follows."""
    cancelled = meeting.status == MeetingStatus.CANCELLED
    for participant in meeting.participants.select_related("user", "meeting__conference"):
        _meeting_mail(
            participant,
            method="CANCEL" if cancelled else "REQUEST",
            reason="cancelled" if cancelled else "changed",
        )


def send_meeting_removal(participant) -> None:
    """Someone taken off the list gets a CANCEL, so the entry leaves their calendar."""
    _meeting_mail(participant, method="CANCEL", reason="removed")


def send_invitation(invitation, *, token: str) -> None:
    """The invitation mail with its personal link, in the invitee's language."""
    conference = invitation.conference
    link = absolute_url(reverse("events:invitation-detail", kwargs={"token": token}))
    with translation.override(invitation.language):
        context = {"invitation": invitation, "conference": conference, "link": link}
        subject, text = render_mail("events/mail/invitation", context)
    queue_mail(
        to=invitation.email,
        to_name=invitation.name,
        subject=subject,
        text=text,
        language=invitation.language,
        sender_name=conference.mail_sender,
        reply_to=conference.mail_reply_addresses,
        idempotency_key=f"invitation:{invitation.pk}",
        conference=conference,
        about=invitation,
        redact_after_sending=[token],
    )
