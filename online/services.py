"""Joining a session (the door is checked, the attendance written, and the link handed back: the
stored one, or for a conference on BigBlueButton a join address signed for this person), the
reminders before the start, and the BigBlueButton server."""

import logging
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common.bulk import insert_all
from online import bigbluebutton
from online.access import Door, DoorState, Entrant, channel_link, door
from online.models import Attendance, BigBlueButtonServer, StartReminder
from online.notifications import start_reminder_mail
from online.selectors import meeting_server
from outbox.services import queue_mails
from program.enums import SessionStatus
from program.models import Session
from registrations.models import RegistrationLink
from registrations.services import unsaved_link

logger = logging.getLogger(__name__)

MIN_REMINDER_MINUTES = 5
MAX_REMINDER_MINUTES = 30 * 24 * 60


class JoinRefused(Exception):
    def __init__(self, door: Door) -> None:
        super().__init__(door.state)
        self.door = door


def join(entrant: Entrant, session, *, channel: str = "", now: datetime) -> str:
    """The address behind a join button, for this person at this moment; JoinRefused if the door is shut.

    Only links stored for the session, its room or the conference are ever returned, or, for the main
    channel of a conference on BigBlueButton, the address of the session's meeting on its server, so
    the join address cannot send anyone elsewhere. The attendance is written only once there is an
    address to go to: a meeting server that fails refuses the join (SERVICE_DOWN) and records nothing."""
    server = meeting_server(entrant.conference)
    on_bigbluebutton = server is not None and not channel
    state = door(entrant, session, now=now, has_link=True if server is not None else None)
    if not state.is_open:
        raise JoinRefused(state)
    if on_bigbluebutton:
        link = bigbluebutton_join_url(server, entrant, session)
    else:  # interpretation channels and the backstage stay the stored links
        link = channel_link(entrant, session, channel)
    if not link:
        raise JoinRefused(Door(DoorState.NO_LINK))
    record_attendance(entrant, session, channel=channel, now=now)
    return link


def meeting_name_of(entrant: Entrant) -> str:
    """The name others see in the meeting: the registration's or the account's full name, never an
    address (an account without a name enters under the part of its address before the @)."""
    if entrant.user is not None and entrant.name == entrant.user.email:
        return entrant.name.partition("@")[0]
    return entrant.name


def bigbluebutton_join_url(server: BigBlueButtonServer, entrant: Entrant, session) -> str:
    """Create the session's meeting on the server (the documented create is idempotent: the first call
    makes it, later ones find it, and one that the server has since closed is made again), then sign a
    join address for this person alone: their own name, MODERATOR for the session's chairs and the
    team, VIEWER for everyone else. JoinRefused(SERVICE_DOWN) if the server fails or does not answer."""
    client = bigbluebutton.Client(server.api_url, server.secret)
    meeting = bigbluebutton.meeting_id(session.uid)
    try:
        client.create(meeting=meeting, name=session.title)
    except bigbluebutton.BigBlueButtonError as error:
        logger.warning("BigBlueButton at %s refused to create %s: %s", server.api_url, meeting, error)
        raise JoinRefused(Door(DoorState.SERVICE_DOWN)) from error
    if entrant.registration is not None:
        user_id = f"registration-{entrant.registration.pk}"
    else:
        user_id = f"user-{entrant.user.pk}"
    role = bigbluebutton.MODERATOR if entrant.moderates(session) else bigbluebutton.VIEWER
    return client.join_url(meeting=meeting, full_name=meeting_name_of(entrant), role=role, user_id=user_id)


def record_attendance(entrant: Entrant, session, *, channel: str, now: datetime) -> None:
    """One row per person and session: the first join writes it, later ones count."""
    if entrant.registration is not None:
        who = {"registration": entrant.registration}
    else:
        who = {"user": entrant.user, "registration": None}
    rows = Attendance.objects.filter(session=session, **who)
    if rows.update(last_joined_at=now, joins=F("joins") + 1, last_channel=channel):
        return
    try:
        with transaction.atomic():
            Attendance.objects.create(
                session=session, first_joined_at=now, last_joined_at=now, last_channel=channel, **who
            )
    except IntegrityError:  # a second click that arrived at the same moment wrote it first
        rows.update(last_joined_at=now, joins=F("joins") + 1, last_channel=channel)


def conference_start(conference) -> datetime:
    """When the conference begins: its first session that is not cancelled, else its first day's morning."""
    first = (
        Session.objects.filter(conference=conference)
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return first or datetime.combine(conference.starts_on, time.min, tzinfo=conference.zone)


def conference_end(conference) -> datetime:
    """When the conference is over: the end of its last day, in its time zone."""
    return datetime.combine(conference.ends_on + timedelta(days=1), time.min, tzinfo=conference.zone)


def add_start_reminder(conference, *, minutes_before: int) -> StartReminder:
    """A reminder to every confirmed participant that long before the start; the same one twice is refused."""
    if not MIN_REMINDER_MINUTES <= minutes_before <= MAX_REMINDER_MINUTES:
        raise ValidationError(
            {"minutes_before": _("Choose between 5 minutes and 30 days before the start.")}, code="range"
        )
    try:
        with transaction.atomic():
            return StartReminder.objects.create(conference=conference, minutes_before=minutes_before)
    except IntegrityError:
        raise ValidationError(
            {"minutes_before": _("There is such a reminder already.")}, code="twice"
        ) from None


def remove_start_reminder(reminder: StartReminder) -> None:
    with transaction.atomic():
        if not StartReminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).delete()[0]:
            raise ValidationError(
                pgettext("a reminder before the start", "This reminder has already gone out."), code="sent"
            )


def send_due_start_reminders(*, now: datetime | None = None) -> list[StartReminder]:
    """Run by the beat sweep: each reminder whose time has come goes to the conference's confirmed
    participants, each with a fresh personal link to their join page. One that comes due after the
    conference has ended is not sent. Two sweeps at once send each reminder once (row lock, skip locked)."""
    now = now or timezone.now()
    sent = []
    for reminder_id in StartReminder.objects.filter(sent_at__isnull=True).values_list("pk", flat=True):
        with transaction.atomic():
            reminder = (
                StartReminder.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("conference")
                .filter(pk=reminder_id, sent_at__isnull=True)
                .first()
            )
            if reminder is None:
                continue
            conference = reminder.conference
            starts_at = conference_start(conference)
            if now < starts_at - timedelta(minutes=reminder.minutes_before) or now >= conference_end(
                conference
            ):
                continue
            registrations = list(conference.registrations.confirmed().select_related("user", "invitation"))
            links, mails = [], []
            for registration in registrations:
                token, link = unsaved_link(registration)
                links.append(link)
                mails.append(start_reminder_mail(reminder, registration, token=token, starts_at=starts_at))
            insert_all(RegistrationLink, links)
            queue_mails(mails)
            reminder.sent_at, reminder.recipients = now, len(registrations)
            reminder.save(update_fields=["sent_at", "recipients"])
            sent.append(reminder)
    return sent


def save_bigbluebutton_server(conference, *, api_url: str, secret: str, enabled: bool) -> BigBlueButtonServer:
    """Set the conference's BigBlueButton server (https only; the documented /bigbluebutton/api/ path is
    added to an address that lacks it). An empty secret keeps the stored one. While the server is to be
    used, it must answer a signed call with this address and secret before anything is saved: else a
    ValidationError that says whether it did not answer or refused the secret, and nothing changes."""
    server = BigBlueButtonServer.objects.filter(conference=conference).first()
    if server is None:
        server = BigBlueButtonServer(conference=conference)
    server.api_url = bigbluebutton.api_base(api_url) if api_url else ""
    server.secret = secret or server.secret
    server.enabled = enabled
    server.full_clean()
    if enabled:
        try:
            bigbluebutton.Client(server.api_url, server.secret).check()
        except bigbluebutton.BigBlueButtonError as error:
            if error.key == "checksumError":
                message = _("The server at %(address)s answers but refuses the shared secret.")
            else:
                message = _(
                    "The server at %(address)s does not answer as BigBlueButton does. Check the address "
                    "(it ends in /bigbluebutton/api/) and that the server is running."
                )
            raise ValidationError(message, code="server", params={"address": server.api_url}) from error
    server.save()
    return server
