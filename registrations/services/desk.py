"""The team's decisions on one registration at the registration desk, beside approve, reject, cancel,
set_role and resend_link: moving it to or from the waiting list, and correcting any of its details.

Seats are counted under the conference's lock, as everywhere: a seat given out of turn never takes
the conference over its capacity, however many organizers click at once.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from registrations import notifications
from registrations.enums import RegistrationStatus
from registrations.models import ACTIVE, Registration
from registrations.services import CHANGEABLE_FIELDS, ensure_not_archived, new_link, relocked, seats_taken

# What the team may correct on the registration's own page: what the participant may, and the address.
# The role and the status have their own services (set_role, approve, give_seat...).
TEAM_CHANGEABLE_FIELDS = tuple(name for name in (*CHANGEABLE_FIELDS, "email") if name != "role")


@transaction.atomic
def move_to_waiting_list(registration: Registration) -> Registration:
    """A confirmed or pending registration goes to the waiting list, and its person is told (a seat it
    held leaves their calendar). The seat it frees is not handed on here: the team moves someone to the
    waiting list to give that seat to someone else (give_seat); a later cancellation or added seats
    promote the waiting list in the order of registration as usual."""
    conference, registration = relocked(registration)
    ensure_not_archived(conference)
    if registration.status not in (RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING):
        raise ValidationError(
            _("Only a registration that is confirmed or waiting for approval can go to the waiting list."),
            code="not_movable",
        )
    held_seat = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.WAITLISTED
    registration.save(update_fields=["status", "updated_at"])
    notifications.send_status_mail(
        registration, token=new_link(registration), reason="unseated" if held_seat else "waitlisted"
    )
    notifications.tell_webhooks(registration)
    return registration


@transaction.atomic
def give_seat(registration: Registration) -> Registration:
    """A registration waiting for approval or on the waiting list gets a seat now, out of turn, if one
    is free; else ValidationError, and nothing changes. Its person is told, with a fresh personal link."""
    conference, registration = relocked(registration)
    ensure_not_archived(conference)
    if registration.status not in (RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED):
        raise ValidationError(
            _("Only a registration that is pending or on the waiting list can be given a seat."),
            code="not_waiting",
        )
    if conference.capacity is not None and seats_taken(conference) >= conference.capacity:
        raise ValidationError(
            _("No seat is free: all %(capacity)s are taken. Move someone to the waiting list, or add seats.")
            % {"capacity": conference.capacity},
            code="full",
        )
    reason = "approved" if registration.status == RegistrationStatus.PENDING else "promoted"
    registration.status = RegistrationStatus.CONFIRMED
    registration.save(update_fields=["status", "updated_at"])
    notifications.send_status_mail(registration, token=new_link(registration), reason=reason)
    notifications.tell_webhooks(registration)
    return registration


def _address_taken_message() -> str:
    return _(
        "Another active registration of this conference has this address: one address, one registration."
    )


@transaction.atomic
def change_registration(registration: Registration, **fields) -> Registration:
    """The team corrects a registration's details (TEAM_CHANGEABLE_FIELDS), its address included. An
    active registration keeps the rule of one active registration per address: an address that another
    active registration of the conference has is refused on the `email` field, and nothing changes."""
    unknown = set(fields) - set(TEAM_CHANGEABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not changeable: {', '.join(sorted(unknown))}")
    conference, registration = relocked(registration)  # no register() of the same address meanwhile
    if "email" in fields:
        fields["email"] = fields["email"].strip().lower()
        validate_email(fields["email"])
        taken = (
            conference.registrations.filter(email__iexact=fields["email"], status__in=ACTIVE)
            .exclude(pk=registration.pk)
            .exists()
        )
        if taken and registration.status in ACTIVE:
            raise ValidationError({"email": _address_taken_message()}, code="address_taken")
    for name, value in fields.items():
        setattr(registration, name, value)
    registration.full_clean(exclude=["conference", "invitation", "user", "status", "delegation"])
    try:
        with transaction.atomic():
            registration.save(update_fields=[*fields, "updated_at"])
    except IntegrityError:  # the constraint, should a writer that takes no lock have raced us
        raise ValidationError({"email": _address_taken_message()}, code="address_taken") from None
    notifications.tell_webhooks(registration)
    return registration
