"""Calendar mail to a session's speakers and chair when it moves or is cancelled, through the outbox."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from common.site_urls import absolute_url
from events.calendar import build_calendar, session_item
from outbox.delivery import sender_address
from outbox.enums import WebhookEvent
from outbox.rendering import render_mail
from outbox.services import CalendarPart, queue_event, queue_mail


def language_of(person) -> str:
    """A speaker's or chair's own language: their registration's, else their account's (by address)."""
    if person.registration_id:
        return person.registration.language
    account = User.objects.filter(email__iexact=person.email).values_list("language", flat=True).first()
    return account or ""


def send_session_update(session) -> int:
    """One mail to each speaker or chair with an address and each person who starred the session:
    METHOD:REQUEST with the new SEQUENCE, or METHOD:CANCEL, each naming its own recipient only.
    Keyed by the SEQUENCE, so each version of the session is mailed once."""
    conference = session.conference
    method = "CANCEL" if session.is_cancelled else "REQUEST"
    url = absolute_url(reverse("program:session-detail", kwargs={"slug": conference.slug, "pk": session.pk}))
    people = [person for person in session.people.all() if person.email]
    # Followers only while the conference is public: a draft's sessions are the team's business.
    followers = [star.user for star in session.stars.select_related("user")] if conference.is_public else []
    language = (conference.working_languages or [settings.LANGUAGE_CODE])[0]
    recipients = [
        (person.pk, person.name, person.email, language_of(person) or language) for person in people
    ] + [(f"user-{user.pk}", user.full_name, user.email, user.language or language) for user in followers]
    for key, name, email, person_language in recipients:
        # Each calendar names its recipient only: no speaker's address reaches a follower or another speaker.
        item = session_item(
            session, url=url, organizer=(conference.title, sender_address()), attendees=((name, email),)
        )
        calendar = CalendarPart(method=method, content=build_calendar([item], method=method))
        with translation.override(person_language):
            context = {"session": session, "conference": conference, "name": name, "url": url}
            subject, text = render_mail("program/mail/session_changed", context)
        queue_mail(
            to=email,
            to_name=name,
            subject=subject,
            text=text,
            language=person_language,
            sender_name=conference.mail_sender,
            reply_to=conference.mail_reply_addresses,
            calendar=calendar,
            idempotency_key=f"session:{session.pk}:person:{key}:{method}:{session.sequence}",
            conference=conference,
            about=session,
        )
    return len(recipients)


def tell_webhooks(session, *, deleted: bool = False) -> None:
    """The conference's webhooks that follow the program hear of the session (added, changed, moved,
    cancelled, or `deleted`)."""
    data = {
        "session": {
            "id": session.pk,
            "uid": str(session.uid),
            "title": str(session.title),
            "kind": session.kind,
            "status": session.status,
            "starts_at": session.starts_at.isoformat(),
            "ends_at": session.ends_at.isoformat(),
            "room_id": session.room_id,
            "track_id": session.track_id,
            "sequence": session.sequence,
            "deleted": deleted,
        }
    }
    queue_event(session.conference, event=WebhookEvent.SESSION_CHANGED, data=data)
