"""A person's registration forgotten at their request, from its personal link: the row stays as an
anonymous count, and nothing of their name or address stays anywhere else."""

from datetime import datetime

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from events.enums import ConferenceStatus, NewsKind
from events.models import normalize_name
from events.services.invitations import invitation_expiry
from outbox.services import forget_recipient
from program.models import SessionPerson
from registrations import notifications
from registrations.enums import RegistrationStatus
from registrations.models import ACTIVE, Registration
from registrations.services import promote_waitlisted, relocked

DELETED_DOMAIN = "deleted.invalid"


def deleted_address(registration: Registration) -> str:
    """What stands for a forgotten address: one per registration, under .invalid (RFC 2606), which no mail
    can reach."""
    return f"deleted-{registration.pk}@{DELETED_DOMAIN}"


def _typed_organization_stand_in(registration: Registration) -> str:
    """What replaces an organization typed outside the directory: nothing, unless the registration still
    counts (confirmed, its conference over) and no other confirmed registration of the conference names
    that organization from that country. Then a stand-in without the name keeps it counted once among
    the organizations taking part (registrations.selectors.organizations_taking_part)."""
    name = registration.proposed_organization_name
    if not name or registration.organization_id or registration.status != RegistrationStatus.CONFIRMED:
        return ""
    others = (
        registration.conference.registrations.confirmed()
        .filter(organization__isnull=True, country=registration.country)
        .exclude(pk=registration.pk)
        .values_list("proposed_organization_name", flat=True)
    )
    if any(normalize_name(other) == normalize_name(name) for other in others):
        return ""
    return f"[deleted {registration.pk}]"


@transaction.atomic
def forget(registration: Registration, *, now: datetime | None = None) -> Registration:
    """Delete the registration's personal data; doing it again changes nothing.

    An active registration of a conference that is not over is cancelled first, its seat going to the
    waiting list as cancel() gives it (with no mail to an address about to be gone). After the
    conference its status stays, so that the participation figures stay right. Name, address (see
    deleted_address), typed organization (see _typed_organization_stand_in), languages, needs, note and
    account are blanked; conference, country, role, status, the directory's organization and the kind
    typed remain, as a count. Its
    history (which keeps every earlier value) and personal links are deleted, so the link works no more;
    its stored mails keep only their subject and status, and the conference's other mails (the team's
    news, a delegation's report) lose the name and address. The program's entry that names the person
    as a speaker is the program's and stays, unlinked. The team is told, without a name.
    """
    conference, registration = relocked(registration)
    if registration.forgotten_at is not None:
        return registration
    now = now or timezone.now()
    words = [registration.full_name, registration.email]
    not_over = conference.status != ConferenceStatus.ARCHIVED and invitation_expiry(conference) > now
    seat_freed = False
    if registration.status in ACTIVE and not_over:
        seat_freed = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
    registration.proposed_organization_name = _typed_organization_stand_in(registration)
    registration.full_name = ""
    registration.email = deleted_address(registration)
    registration.languages, registration.interpretation_needs = [], []
    registration.accessibility_needs = registration.note = ""
    registration.public_name, registration.user = False, None
    registration.forgotten_at = now
    registration.save()
    Registration.history.filter(id=registration.pk).delete()
    registration.links.all().delete()
    SessionPerson.objects.filter(registration=registration).update(registration=None)
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration), object_id=str(registration.pk)
    ).update(object_repr=str(registration)[:200])
    forget_recipient(about=registration, conference=conference, words=words)
    promoted = promote_waitlisted(conference) if seat_freed else []
    changes = [(NewsKind.FORGOTTEN, registration), *((NewsKind.PROMOTED, seated) for seated in promoted)]
    notifications.tell_team(conference, changes)
    return registration
