"""Writes on preparatory meetings and who is invited to them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common.content import localized_columns
from common.locking import locked
from events import notifications
from events.enums import MeetingStatus
from events.models import Conference, MeetingParticipant, Organization, PreparatoryMeeting

# A change to any of these moves the event in people's calendars: its SEQUENCE must grow.
CALENDAR_FIELDS = ("starts_at", "ends_at", "place", "online_link", "status", *localized_columns("title"))


def validate_meeting_fields(meeting: PreparatoryMeeting) -> None:
    if meeting.starts_at and meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})


@transaction.atomic
def create_meeting(conference: Conference, **fields) -> PreparatoryMeeting:
    meeting = PreparatoryMeeting(conference=conference, **fields)
    validate_meeting_fields(meeting)
    meeting.save()
    return meeting


@transaction.atomic
def update_meeting(meeting: PreparatoryMeeting, **fields) -> PreparatoryMeeting:
    """Save the changes; the calendar SEQUENCE grows when time, place, title or status change."""
    stored = locked(PreparatoryMeeting, meeting.pk)
    moved = any(name in fields and fields[name] != getattr(stored, name) for name in CALENDAR_FIELDS)
    for name, value in fields.items():
        setattr(meeting, name, value)
    validate_meeting_fields(meeting)
    if moved:
        meeting.sequence = stored.sequence + 1
    meeting.save()
    if moved:
        notifications.send_meeting_update(meeting)
    return meeting


def cancel_meeting(meeting: PreparatoryMeeting) -> PreparatoryMeeting:
    return update_meeting(meeting, status=MeetingStatus.CANCELLED)


@transaction.atomic
def invite_to_meeting(
    meeting: PreparatoryMeeting,
    *,
    name: str,
    email: str,
    organization: Organization | None = None,
    language: str = "",
) -> MeetingParticipant:
    """Put the person on the meeting's list and, while it is scheduled, mail them its calendar entry.
    Someone without an account gets the meeting's mails in `language` (default: the conference's mail
    language); someone with one, in their account's."""
    email = email.strip().lower()
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the site's languages.")})
    if meeting.participants.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("%(email)s is already invited.") % {"email": email}})
    user = (
        User.objects.filter(emailaddress__email__iexact=email).first()
        or User.objects.filter(email__iexact=email).first()
    )
    try:
        with transaction.atomic():
            participant = MeetingParticipant.objects.create(
                meeting=meeting,
                name=name.strip(),
                email=email,
                organization=organization,
                user=user,
                language=language or meeting.conference.mail_language,
            )
    except IntegrityError:
        raise ValidationError({"email": _("%(email)s is already invited.") % {"email": email}}) from None
    if meeting.status == MeetingStatus.SCHEDULED:
        notifications.send_meeting_invitation(participant)
    return participant


@transaction.atomic
def record_attendance(participant: MeetingParticipant, *, attended: bool | None) -> MeetingParticipant:
    participant.attended = attended
    participant.save(update_fields=["attended"])
    return participant


@transaction.atomic
def remove_from_meeting(participant: MeetingParticipant) -> None:
    if participant.meeting.status == MeetingStatus.SCHEDULED:
        notifications.send_meeting_removal(participant)
    participant.delete()
