"""Mail that the events app sends, always through the outbox and inside the caller's transaction."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from common.site_urls import absolute_url
from events.calendar import build_calendar, meeting_item
from events.enums import MeetingStatus, NewsKind, TeamNews
from events.models import Conference, ConferenceMembership
from events.news import DIGEST_TIME, NewsItem
from outbox.delivery import sender_address
from outbox.enums import WebhookEvent
from outbox.rendering import render_mail
from outbox.services import CalendarPart, new_message, queue_event, queue_mail, queue_mails

# A digest lists this many items of a kind at most, then says how many more there are.
DIGEST_LINES = 200


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
    language = participant.mail_language
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


def _team_links(conference: Conference) -> dict[str, str]:
    slug = {"slug": conference.slug}
    return {
        "registrations_url": absolute_url(reverse("registrations:manage-registration-list", kwargs=slug)),
        "invitations_url": absolute_url(reverse("events:manage-invitation-list", kwargs=slug)),
        "team_url": absolute_url(reverse("events:manage-team-list", kwargs=slug)),
    }


def _team_mail(membership: ConferenceMembership, *, template: str, context: dict, key: str):
    """One mail to a team member, in their language, with times in the conference's time zone."""
    conference, user = membership.conference, membership.user
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(conference.zone):
        context = {"conference": conference, **_team_links(conference), **context}
        subject, text = render_mail(template, context)
    return new_message(
        to=user.email, to_name=user.full_name, subject=subject, text=text, language=language,
        sender_name=conference.mail_sender, idempotency_key=key, conference=conference, about=membership,
    )  # fmt: skip


def send_team_news(conference: Conference, items: list[NewsItem]) -> int:
    """A mail telling what just happened, to each team member who chose a mail for each change
    (TeamNews.IMMEDIATE), queued in the caller's transaction. Returns how many mails."""
    if not items:
        return 0
    readers = conference.memberships.filter(news=TeamNews.IMMEDIATE, user__is_active=True).select_related(
        "user", "conference"
    )
    context = {"items": items, "answers": any(item.kind == NewsKind.ANSWERED for item in items)}
    mails = []
    for membership in readers:
        key = f"team-news:{membership.pk}:{uuid.uuid4().hex}"
        mails.append(_team_mail(membership, template="events/mail/team_news", context=context, key=key))
    return len(queue_mails(mails))


@dataclass(frozen=True)
class DigestSection:
    kind: str
    label: str
    count: int
    items: list[NewsItem]

    @property
    def more(self) -> int:
        return self.count - len(self.items)


def send_team_digest(
    membership: ConferenceMembership, items: list[NewsItem], *, since: datetime, until: datetime
) -> None:
    """The daily digest of what happened from `since` to `until`: a section per kind of news, in the
    member's language. Keyed by its member and end, so that one day's digest is never queued twice."""
    sections = []
    for kind in NewsKind:
        found = [item for item in items if item.kind == kind]
        if found:
            sections.append(DigestSection(kind, kind.label, len(found), found[:DIGEST_LINES]))
    context = {"sections": sections, "since": since, "until": until, "digest_time": DIGEST_TIME}
    key = f"team-digest:{membership.pk}:{until.isoformat()}"
    queue_mails([_team_mail(membership, template="events/mail/team_digest", context=context, key=key)])


def tell_webhooks_of_answer(invitation) -> None:
    """The conference's webhooks that follow answers hear of this one."""
    organization = invitation.organization
    data = {
        "invitation": {
            "id": invitation.pk,
            "name": invitation.name,
            "email": invitation.email,
            "organization_id": invitation.organization_id,
            "organization_name": str(organization.name) if organization else "",
            "answer": invitation.answer,
            "message": invitation.answer_message,
            "answered_at": invitation.answered_at.isoformat() if invitation.answered_at else None,
        }
    }
    queue_event(invitation.conference, event=WebhookEvent.INVITATION_ANSWERED, data=data)
