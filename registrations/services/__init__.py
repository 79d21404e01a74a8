"""Registering, and the seat each registration holds or waits for.

Capacity is enforced by locking the conference's row for the length of the transaction that
counts the confirmed registrations and writes the new one (on SQLite, IMMEDIATE transactions do
the same): two concurrent requests can never both take the last seat. Whoever does not get a
seat joins the waiting list, and a cancellation promotes the first in line in the same transaction.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from common.locking import lock_and_reread, locked
from common.sentences import interpolate
from events.enums import ConferenceFormat, ConferenceStatus, InvitationAnswer, NewsKind, OrganizationKind
from events.models import Conference, Invitation, Organization, hash_token, normalize_name
from events.services import conferences as conference_services
from events.services.conferences import ConferenceChange
from events.services.invitations import invitation_expiry
from events.services.organizations import create_organization, find_duplicate
from outbox.enums import WebhookEvent
from program.models import SessionPerson
from registrations import notifications
from registrations.enums import ParticipantRole, RegistrationStatus
from registrations.models import ACTIVE, Registration, RegistrationLink

CHANGEABLE_FIELDS = (
    "full_name", "organization", "proposed_organization_name", "proposed_organization_kind", "country",
    "role", "languages", "interpretation_needs", "accessibility_needs", "public_name", "note", "language",
)  # fmt: skip


# What decides whether a registration gets a seat, and whether it may be made at all: register() reads
# these again under the conference's lock, the conference's other columns as the caller read them.
SEAT_FIELDS = (
    "status", "capacity", "registration_requires_approval", "registration_opens_at", "registration_closes_at",
    "starts_on", "ends_on", "timezone", "working_languages",
)  # fmt: skip


class RegistrationUnavailable(Exception):
    """An unknown or tampered personal link: the visitor is told only that it does not work."""


class RegistrationLinkEnded(RegistrationUnavailable):
    """A real personal link past its end: its page shows nothing of the registration, and offers to
    mail a fresh link to the registration's address."""

    def __init__(self, registration: Registration) -> None:
        super().__init__()
        self.registration = registration


@dataclass(frozen=True)
class Window:
    is_open: bool
    message: str = ""


def archived_message() -> str:
    return _("This conference is archived: registration is closed.")


def ensure_not_archived(conference: Conference) -> None:
    """An archived conference is over: nobody registers or takes a seat any more, not even through
    the organizers' import or approval."""
    if conference.status == ConferenceStatus.ARCHIVED:
        raise ValidationError(archived_message(), code="archived")


def registration_closes_at(conference: Conference) -> datetime:
    """When registration closes: the conference's own time, else the end of its last day."""
    return conference.registration_closes_at or invitation_expiry(conference)


def registration_window(conference: Conference, *, now: datetime | None = None) -> Window:
    """Whether registration is open now, and if not, a sentence saying when it opens or closed."""
    if conference.status == ConferenceStatus.ARCHIVED:
        return Window(False, archived_message())
    now = now or timezone.now()
    closes_at = registration_closes_at(conference)
    opens_at = conference.registration_opens_at
    with timezone.override(conference.zone):
        if opens_at and now < opens_at:
            when = formats.date_format(timezone.localtime(opens_at), "DATETIME_FORMAT")
            return Window(False, interpolate(_("Registration opens on %(when)s."), when=when))
        if now >= closes_at:
            when = formats.date_format(timezone.localtime(closes_at), "DATETIME_FORMAT")
            return Window(False, interpolate(_("Registration closed on %(when)s."), when=when))
    return Window(True)


def ensure_open(conference: Conference, *, now: datetime | None = None, outside_window: bool = False) -> None:
    """Refuse a registration to an archived conference, or outside its registration window unless
    `outside_window` (organizers may register people at any time)."""
    ensure_not_archived(conference)
    window = registration_window(conference, now=now)
    if not window.is_open and not outside_window:
        raise ValidationError(window.message, code="closed")


def seats_taken(conference: Conference) -> int:
    return conference.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def _seat_or_waitlist(conference: Conference) -> str:
    if conference.capacity is None or seats_taken(conference) < conference.capacity:
        return RegistrationStatus.CONFIRMED
    return RegistrationStatus.WAITLISTED


def unsaved_link(registration: Registration) -> tuple[str, RegistrationLink]:
    """A fresh personal link (256 random bits) and its token, not saved yet: for many links in one INSERT."""
    token = secrets.token_urlsafe(32)
    return token, RegistrationLink(registration=registration, token_hash=hash_token(token))


def new_link(registration: Registration) -> str:
    """Save a fresh personal link for the registration and return its token."""
    token, link = unsaved_link(registration)
    link.save()
    return token


def link_end(conference: Conference, made_at: datetime) -> datetime:
    """When a personal link stops working: PERSONAL_LINK_DAYS_AFTER_CONFERENCE days after the conference's
    last day, or after the link was made if that is later (a fresh link mailed after the conference)."""
    return max(invitation_expiry(conference), made_at) + timedelta(
        days=settings.PERSONAL_LINK_DAYS_AFTER_CONFERENCE
    )


def registration_for_token(token: str, *, now: datetime | None = None) -> Registration:
    """The registration of a personal link; RegistrationLinkEnded for one past its end."""
    if not token or len(token) > 100:
        raise RegistrationUnavailable
    link = (
        RegistrationLink.objects.select_related("registration__conference", "registration__organization")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if link is None:
        raise RegistrationUnavailable
    if link_end(link.registration.conference, link.created_at) <= (now or timezone.now()):
        raise RegistrationLinkEnded(link.registration)
    return link.registration


def resolve_organization(
    *, organization: Organization | None, new_name: str, new_kind: str, country: str,
    directory_team: Conference | None = None,
) -> dict:  # fmt: skip
    """The organization fields of a registration: the entry picked, or the directory's entry of the
    typed name in that country; else the typed name kept on the registration as a proposal, out of
    the shared directory until the team accepts it. With `directory_team` (the organizers' own
    import) a new name becomes a directory entry recorded as that team's. All empty for an individual."""
    fields = {
        "organization": organization,
        "proposed_organization_name": "",
        "proposed_organization_kind": "",
    }
    name = new_name.strip()
    if organization is not None or not name:
        return fields
    existing = find_duplicate(name=name, country=country)
    if existing is not None:
        return {**fields, "organization": existing}
    kind = new_kind or OrganizationKind.ORGANIZATION
    if directory_team is not None:
        try:
            created = create_organization(
                name=name, kind=kind, country=country, created_by_conference=directory_team
            )
        except ValidationError as error:
            raise ValidationError({"new_organization_name": error.messages}) from None
        return {**fields, "organization": created}
    if not normalize_name(name):
        raise ValidationError(
            {"new_organization_name": _("The name must contain at least one letter or digit.")}
        )
    return {**fields, "proposed_organization_name": name, "proposed_organization_kind": kind}


@transaction.atomic
def accept_proposed_organization(registration: Registration) -> Organization:
    """Take the organization a participant typed into the directory: the entry of that name in their
    country if there is one, else a new entry recorded as added by the conference's team. Every
    registration of the conference that typed the same name from the same country is linked to it."""
    registration = locked(Registration, registration.pk)
    name = registration.proposed_organization_name
    if registration.organization_id or not name:
        raise ValidationError(
            _("This registration names no organization outside the directory."), code="none"
        )
    country = registration.country.code
    kind = registration.proposed_organization_kind or OrganizationKind.ORGANIZATION
    organization = find_duplicate(name=name, country=country) or create_organization(
        name=name, kind=kind, country=country, created_by_conference=registration.conference
    )
    same = [
        other
        for other in registration.conference.registrations.select_for_update()
        .filter(organization__isnull=True, country=country)
        .exclude(proposed_organization_name="")
        if normalize_name(other.proposed_organization_name) == normalize_name(name)
    ]
    for other in same:
        other.organization, other.proposed_organization_name, other.proposed_organization_kind = (
            organization,
            "",
            "",
        )
        other.save(update_fields=["organization", "proposed_organization_name", "proposed_organization_kind",
                                  "updated_at"])  # fmt: skip
    return organization


@dataclass(frozen=True)
class Registered:
    registration: Registration
    created: bool
    token: str = ""  # the new registration's personal link; empty for one that existed


def register(
    conference: Conference,
    *,
    full_name: str,
    email: str,
    country: str,
    role: str = ParticipantRole.DELEGATE,
    organization: Organization | None = None,
    new_organization_name: str = "",
    new_organization_kind: str = "",
    languages: list[str] | tuple = (),
    interpretation_needs: list[str] | tuple = (),
    accessibility_needs: str = "",
    public_name: bool = False,
    note: str = "",
    language: str = "",
    invitation: Invitation | None = None,
    delegation=None,
    user=None,
    now: datetime | None = None,
    outside_window: bool = False,
    add_new_organization: bool = False,
    tell_team: bool = True,
) -> Registered:
    """Register one person: a seat if there is one (or pending approval), else the waiting list.

    The same address twice gives back the active registration it already has. The mail that
    tells the outcome, with the personal link, is queued in the same transaction, and so is the
    team's mail for each change (unless `tell_team` is False: an import or a delegation tells the team
    of all its registrations in one mail). A new organization name stays on the registration (see
    resolve_organization) unless `add_new_organization` (the organizers' import) adds it to the
    directory for the conference's team.
    """
    email = email.strip().lower()
    validate_email(email)
    if not full_name.strip():
        raise ValidationError({"full_name": _("Give your name.")})
    if not country:
        raise ValidationError({"country": _("Choose your country.")})
    if invitation is not None and invitation.conference_id != conference.pk:
        invitation = None
    try:
        with transaction.atomic():
            # What does not depend on the seats comes before the lock that every registration of the
            # conference waits for: an address registered twice at once still meets the unique index.
            existing = conference.registrations.filter(email=email, status__in=ACTIVE).first()
            if existing is not None:
                ensure_open(conference, now=now, outside_window=outside_window)
                resend_link(existing)
                return Registered(existing, created=False)
            organization_fields = resolve_organization(
                organization=organization,
                new_name=new_organization_name,
                new_kind=new_organization_kind,
                country=country,
                directory_team=conference if add_new_organization else None,
            )
            # The seats are counted under this lock; what decides them is read again under it.
            lock_and_reread(conference, *SEAT_FIELDS)
            ensure_open(conference, now=now, outside_window=outside_window)
            registration = Registration.objects.create(
                conference=conference,
                full_name=full_name.strip(),
                email=email,
                **organization_fields,
                country=country,
                role=role,
                languages=list(languages),
                interpretation_needs=list(interpretation_needs),
                accessibility_needs=accessibility_needs.strip(),
                public_name=public_name,
                note=note.strip(),
                language=language or (conference.working_languages or ["en"])[0],
                status=(
                    RegistrationStatus.PENDING
                    if conference.registration_requires_approval
                    else _seat_or_waitlist(conference)
                ),
                invitation=invitation,
                delegation=delegation,
                user=user,
            )
            if invitation is not None and invitation.answer != InvitationAnswer.ACCEPTED:
                invitation.answer, invitation.answered_at = InvitationAnswer.ACCEPTED, timezone.now()
                invitation.save(update_fields=["answer", "answered_at"])
            link_new_registration(registration)
            token = new_link(registration)
            notifications.send_status_mail(registration, token=token)
            notifications.tell_webhooks(registration, WebhookEvent.REGISTRATION_CREATED)
            if tell_team:
                notifications.tell_team(conference, [(NewsKind.REGISTERED, registration)])
    except IntegrityError:  # the same address registered by a second request at the same moment
        existing = conference.registrations.filter(email=email, status__in=ACTIVE).first()
        if existing is None:
            raise
        return Registered(existing, created=False)
    return Registered(registration, created=True, token=token)


LINK_RESEND_SECONDS = 600


def resend_link(registration: Registration, *, reason: str = "link") -> bool:
    """Mail the address its personal link again (at most once in ten minutes): whoever typed the
    address into the form learns nothing about the registration, its owner gets the way back in.
    `reason` "renewed" when the mail replaces a link that has ended, "resent" when the team sends it."""
    if not cache.add(f"registration-link-sent:{registration.pk}", True, LINK_RESEND_SECONDS):
        return False
    notifications.send_status_mail(registration, token=new_link(registration), reason=reason)
    return True


def relocked(registration: Registration) -> tuple[Conference, Registration]:
    """The conference locked first (the seats are counted under its lock, and every service locks in this
    order), then the registration as stored, locked too, with the locked conference on it."""
    conference = locked(Conference, registration.conference_id)
    registration = locked(Registration, registration.pk)
    registration.conference = conference
    return conference, registration


@transaction.atomic
def cancel(registration: Registration) -> Registration:
    """Cancel; a seat it held goes to the first on the waiting list, who is told by mail."""
    conference, registration = relocked(registration)
    if registration.status not in ACTIVE:
        return registration
    held_seat = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    notifications.send_status_mail(registration, token=None)
    notifications.tell_webhooks(registration, WebhookEvent.REGISTRATION_CANCELLED)
    promoted = promote_waitlisted(conference) if held_seat else []
    changes = [(NewsKind.CANCELLED, registration), *((NewsKind.PROMOTED, seated) for seated in promoted)]
    notifications.tell_team(conference, changes)
    return registration


def promote_waitlisted(conference: Conference) -> list[Registration]:
    """Give free seats to the waiting list in the order they registered. Call with the conference locked."""
    promoted = []
    if conference.status == ConferenceStatus.ARCHIVED:
        return promoted
    waiting = conference.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "created_at", "pk"
    )
    if conference.capacity is not None:  # more confirmed than seats (capacity lowered in the admin): none
        waiting = waiting[: max(conference.capacity - seats_taken(conference), 0)]
    for registration in waiting:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        notifications.send_status_mail(registration, token=new_link(registration), reason="promoted")
        notifications.tell_webhooks(registration)
        promoted.append(registration)
    return promoted


@transaction.atomic
def write_to(registrations, *, subject: str, body: str, sender) -> int:
    """An organizer's message to each of these registrations, replies going to the organizer; all or none
    are queued. Returns how many."""
    registrations = list(registrations)
    for registration in registrations:
        notifications.send_message(registration, subject=subject, body=body, sender=sender)
    return len(registrations)


@transaction.atomic
def change_conference(conference: Conference, **fields) -> ConferenceChange:
    """Save a conference's settings and carry the change to its registrations in the same
    transaction: if it moved, every confirmed participant's calendar follows; if seats were added,
    the waiting list moves into them."""
    change = conference_services.update_conference(conference, **fields)
    if change.moved:
        _tell_confirmed_of_move(change.conference)
    if change.seats_added:
        promoted = promote_waitlisted(change.conference)
        notifications.tell_team(change.conference, [(NewsKind.PROMOTED, seated) for seated in promoted])
    return change


def _tell_confirmed_of_move(conference: Conference) -> None:
    """Every confirmed participant's calendar follows the new dates or place. The update of an online
    or hybrid conference carries a fresh personal link: the join page in the calendar entry it replaces
    must stay in the new one."""
    online = conference.format != ConferenceFormat.IN_PERSON
    for registration in conference.registrations.confirmed().select_related("user", "invitation"):
        registration.conference = conference
        notifications.send_status_mail(
            registration, token=new_link(registration) if online else None, reason="moved"
        )


@transaction.atomic
def approve(registration: Registration) -> Registration:
    """A pending registration gets a seat if one is free, else a place on the waiting list."""
    conference, registration = relocked(registration)
    ensure_not_archived(conference)
    if registration.status != RegistrationStatus.PENDING:
        raise ValidationError(
            _("Only a registration waiting for approval can be approved."), code="not_pending"
        )
    registration.status = _seat_or_waitlist(conference)
    registration.save(update_fields=["status", "updated_at"])
    notifications.send_status_mail(registration, token=new_link(registration), reason="approved")
    notifications.tell_webhooks(registration)
    return registration


@transaction.atomic
def reject(registration: Registration) -> Registration:
    _conference, registration = relocked(registration)
    if registration.status not in (RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED):
        raise ValidationError(
            _("Only a registration that is pending or on the waiting list can be turned down."),
            code="not_open",
        )
    registration.status = RegistrationStatus.REJECTED
    registration.save(update_fields=["status", "updated_at"])
    notifications.send_status_mail(registration, token=None)
    notifications.tell_webhooks(registration)
    return registration


@transaction.atomic
def update_registration(registration: Registration, **fields) -> Registration:
    """What the participant may change through the personal link: everything but the address and status."""
    unknown = set(fields) - set(CHANGEABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not changeable: {', '.join(sorted(unknown))}")
    registration = locked(Registration, registration.pk)  # its status as it is now
    for name, value in fields.items():
        setattr(registration, name, value)
    registration.full_clean(exclude=["conference", "invitation", "user", "status", "email"])
    registration.save(update_fields=[*fields, "updated_at"])
    notifications.tell_webhooks(registration)
    return registration


@transaction.atomic
def set_role(registration: Registration, *, role: str) -> Registration:
    """The organizers give any role, the trusted ones (speaker, press, guest) included; the public form
    offers only those the conference opened (Conference.public_roles)."""
    if role not in ParticipantRole.values:
        raise ValueError(f"Unknown role: {role}")
    registration = locked(Registration, registration.pk)
    registration.role = role
    registration.save(update_fields=["role", "updated_at"])
    notifications.tell_webhooks(registration)
    return registration


@transaction.atomic
def check_in(registration: Registration, *, present: bool = True) -> Registration:
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(_("Only a confirmed participant can be checked in."), code="not_confirmed")
    registration.checked_in_at = timezone.now() if present else None
    registration.save(update_fields=["checked_in_at", "updated_at"])
    notifications.tell_webhooks(registration)
    return registration


def link_session_people(people) -> None:
    """Link speakers and chairs to the registration their email address has at the session's
    conference, and fill the organization and country they left blank from it."""
    people = [person for person in people if person.email]
    if not people:
        return
    conference_id = people[0].session.conference_id
    registrations = {
        registration.address: registration
        for registration in Registration.objects.filter(conference=conference_id, status__in=ACTIVE)
        .annotate(address=Lower("email"))
        .filter(address__in={person.email.lower() for person in people})
        .select_related("organization")
    }
    for person in people:
        registration = registrations.get(person.email.lower())
        if registration is None or person.registration_id == registration.pk:
            continue
        person.registration = registration
        if not person.organization and registration.organization:
            person.organization = registration.organization.name
        if not person.country:
            person.country = registration.country
        person.save(update_fields=["registration", "organization", "country"])


def link_new_registration(registration: Registration) -> int:
    """A registration made after the program named its person: link the sessions' entries to it.
    register() calls it; bulk inserts of registrations must too."""
    return SessionPerson.objects.filter(
        session__conference=registration.conference_id,
        email__iexact=registration.email,
        registration__isnull=True,
    ).update(registration=registration)
