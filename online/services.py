"""Joining a session (the door is checked, the attendance written, and the stored link handed back), and
the reminders before the start."""

from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from common.bulk import insert_all
from online.access import Door, DoorState, Entrant, channel_link, door
from online.models import Attendance, StartReminder
from online.notifications import start_reminder_mail
from outbox.services import queue_mails
from program.enums import SessionStatus
from program.models import Session
from registrations.models import RegistrationLink
from registrations.services import unsaved_link

MIN_REMINDER_MINUTES = 5
MAX_REMINDER_MINUTES = 30 * 24 * 60


class JoinRefused(Exception):
    def __init__(self, door: Door) -> None:
        super().__init__(door.state)
        self.door = door


def join(entrant: Entrant, session, *, channel: str = "", now: datetime) -> str:
    """The address behind a join button, for this person at this moment; JoinRefused if the door is shut.

    Only links stored for the session, its room or the conference are ever returned, so the join
    address cannot send anyone elsewhere."""
    state = door(entrant, session, now=now)
    if not state.is_open:
        raise JoinRefused(state)
    link = channel_link(entrant, session, channel)
    if not link:
        raise JoinRefused(Door(DoorState.NO_LINK))
    record_attendance(entrant, session, channel=channel, now=now)
    return link


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
            raise ValidationError(_("This reminder has already gone out."), code="sent")


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
