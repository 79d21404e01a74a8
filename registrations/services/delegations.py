"""Delegations: an organization's contact registers several delegates at once, and adds, changes or
withdraws them later from the delegation's link.

Each delegate is a registration of their own, made by register() under the same conference lock as any
other, so that seats, the waiting list and the organization's quota hold however many contacts post at
once. A delegate that cannot be added (a malformed line, an address already registered, over the quota)
is reported by name and line; the others are kept.
"""

import csv
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from common.csv_rows import country_code
from common.locking import locked
from common.sentences import interpolate
from events.enums import NewsKind
from events.models import Conference, Invitation, Organization, hash_token
from registrations import notifications
from registrations.enums import RegistrationStatus
from registrations.models import ACTIVE, Delegation, DelegationLink, DelegationQuota, Registration
from registrations.services import (
    Window,
    cancel,
    ensure_not_archived,
    register,
    registration_closes_at,
    update_registration,
)

MAX_LINES = 200


class DelegationUnavailable(Exception):
    """No delegation has this link."""


def new_delegation_link(delegation: Delegation) -> str:
    token = secrets.token_urlsafe(32)
    DelegationLink.objects.create(delegation=delegation, token_hash=hash_token(token))
    return token


def delegation_for_token(token: str) -> Delegation:
    if not token or len(token) > 100:
        raise DelegationUnavailable
    link = (
        DelegationLink.objects.select_related("delegation__conference", "delegation__organization")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if link is None:
        raise DelegationUnavailable
    return link.delegation


@transaction.atomic
def create_delegation(
    conference: Conference, *, organization: Organization, contact_name: str, contact_email: str,
    language: str = "", invitation: Invitation | None = None,
) -> tuple[Delegation, str]:  # fmt: skip
    """A delegation for the organization (one per conference), and a fresh link mailed to its contact.
    For an organization that has one already, the existing delegation gets the new contact's link."""
    contact_email = contact_email.strip().lower()
    validate_email(contact_email)
    if not contact_name.strip():
        raise ValidationError({"contact_name": _("Give the contact person's name.")})
    ensure_not_archived(conference)
    delegation, _created = Delegation.objects.get_or_create(
        conference=conference,
        organization=organization,
        defaults={
            "contact_name": contact_name.strip(),
            "contact_email": contact_email,
            "language": language or (conference.working_languages or ["en"])[0],
            "invitation": invitation,
        },
    )
    token = new_delegation_link(delegation)
    notifications.send_delegation_link(delegation, token=token, to=(contact_name.strip(), contact_email))
    return delegation, token


def delegation_window(conference: Conference, *, now: datetime | None = None) -> Window:
    """Whether delegates may be added, changed or withdrawn now."""
    now = now or timezone.now()
    closes_at = conference.delegations_close_at or registration_closes_at(conference)
    if now >= closes_at:
        when = formats.date_format(timezone.localtime(closes_at, conference.zone), "DATETIME_FORMAT")
        return Window(False, interpolate(_("The delegations closed on %(when)s."), when=when))
    return Window(True, "")


def quota_for(delegation: Delegation) -> int | None:
    """The most delegates the organization may have: its own quota, else its kind's, else none."""
    quotas = DelegationQuota.objects.filter(conference=delegation.conference_id).filter(
        Q(organization=delegation.organization_id)
        | Q(organization__isnull=True, organization_kind=delegation.organization.kind)
    )
    by_organization = {quota.organization_id is not None: quota.seats for quota in quotas}
    return by_organization.get(True, by_organization.get(False))


@dataclass(frozen=True)
class DelegateLine:
    line: int
    full_name: str
    email: str
    country: str
    role: str


@dataclass(frozen=True)
class DelegateProblem:
    line: int
    name: str
    message: str


def _open_roles(conference: Conference) -> list[str]:
    return [value for value, _label in conference.public_role_choices()]


def read_delegate_lines(
    text: str, *, conference: Conference
) -> tuple[list[DelegateLine], list[DelegateProblem]]:
    """A pasted list, one delegate per line: name, email, country (ISO code or English name) and
    optionally role (one the conference opened to the public form: Conference.public_roles), separated by
    commas, semicolons or tabs (as a spreadsheet copies them). Blank lines are skipped; each bad line is
    named with what is wrong."""
    rows, problems = [], []
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if len(lines) > MAX_LINES:
        return [], [DelegateProblem(0, "", _("At most %(count)s delegates at once.") % {"count": MAX_LINES})]
    for number, line in lines:
        separator = "\t" if "\t" in line else ";" if ";" in line else ","
        cells = [cell.strip() for cell in next(csv.reader([line], delimiter=separator))]
        name = cells[0] if cells else ""
        if len(cells) < 3 or len(cells) > 4:
            problems.append(DelegateProblem(number, name, _("give name, email, country and optionally role")))
            continue
        name, email, country, role = (*cells, "")[:4]
        found = []
        if not name or len(name) > 200 or not name.isprintable():
            found.append(_("the name is missing or not plain text"))
        try:
            validate_email(email)
        except ValidationError:
            found.append(_('"%(value)s" is not an email address') % {"value": email})
        code = country_code(country)
        if not code:
            found.append(_('"%(value)s" is not a country') % {"value": country})
        role = role.lower() or _open_roles(conference)[0]
        if role not in _open_roles(conference):
            found.append(_('the role must be one open on the form (%(roles)s), not "%(value)s"')
                         % {"roles": ", ".join(_open_roles(conference)), "value": role})  # fmt: skip
        if found:
            problems.append(DelegateProblem(number, name, "; ".join(found)))
        else:
            rows.append(DelegateLine(number, name, email.lower(), code, role))
    return rows, problems


@dataclass(frozen=True)
class DelegateAdded:
    line: int
    registration: Registration


@dataclass(frozen=True)
class DelegatesAdded:
    added: list[DelegateAdded]
    problems: list[DelegateProblem]


@transaction.atomic
def add_delegates(
    delegation: Delegation, lines: list[DelegateLine], *, now: datetime | None = None
) -> DelegatesAdded:
    """Register each line as a delegate, in order: a seat while there are seats, else the waiting list
    (or pending, where registrations need approval). A line whose address is already registered at the
    conference, or beyond the organization's quota, is refused by name. The contact gets one mail saying
    what happened to each."""
    conference = locked(Conference, delegation.conference_id)  # seats and quotas are counted under it
    delegation.conference = conference
    window = delegation_window(conference, now=now)
    if not window.is_open:
        raise ValidationError(window.message, code="closed")
    ensure_not_archived(conference)
    quota = quota_for(delegation)
    counted = delegation.delegates.filter(status__in=ACTIVE).count()
    added, problems = [], []
    for line in lines:
        if conference.registrations.filter(email=line.email, status__in=ACTIVE).exists():
            problems.append(
                DelegateProblem(line.line, line.full_name, _("this address is registered already"))
            )
            continue
        if quota is not None and counted >= quota:
            problems.append(DelegateProblem(
                line.line, line.full_name,
                _("over the quota: %(organization)s may send %(count)s delegates") % {
                    "organization": delegation.organization.name, "count": quota},
            ))  # fmt: skip
            continue
        registered = register(
            conference, full_name=line.full_name, email=line.email, country=line.country, role=line.role,
            organization=delegation.organization, language=delegation.language, delegation=delegation,
            invitation=None, now=now, outside_window=True, tell_team=False,
        )  # fmt: skip
        counted += 1
        added.append(DelegateAdded(line.line, registered.registration))
    if added or problems:
        notifications.send_delegation_report(delegation, added=added, problems=problems)
    notifications.tell_team(conference, [(NewsKind.REGISTERED, item.registration) for item in added])
    return DelegatesAdded(added, problems)


def add_delegate_list(delegation: Delegation, text: str, *, now: datetime | None = None) -> DelegatesAdded:
    """A pasted list read and added: malformed lines and refused delegates reported together, by line."""
    lines, problems = read_delegate_lines(text, conference=delegation.conference)
    added = add_delegates(delegation, lines, now=now) if lines else DelegatesAdded([], [])
    return DelegatesAdded(added.added, sorted([*problems, *added.problems], key=lambda problem: problem.line))


def change_delegate(
    delegation: Delegation, registration: Registration, *, full_name: str, country: str, role: str,
    now: datetime | None = None,
) -> Registration:  # fmt: skip
    """The contact corrects a delegate's name, country or role: one open on the form, or the one the
    organizers gave (the address is the person: a new address is a new delegate)."""
    window = delegation_window(delegation.conference, now=now)
    if not window.is_open:
        raise ValidationError(window.message, code="closed")
    if registration.delegation_id != delegation.pk or registration.status not in ACTIVE:
        raise ValidationError(_("This delegate is not in the delegation any more."), code="gone")
    if role not in _open_roles(delegation.conference) and role != registration.role:
        roles = ", ".join(_open_roles(delegation.conference))
        raise ValidationError(
            {"role": _("The role must be one open on the form: %(roles)s.") % {"roles": roles}}
        )
    return update_registration(registration, full_name=full_name, country=country, role=role)


def withdraw_delegate(
    delegation: Delegation, registration: Registration, *, now: datetime | None = None
) -> None:
    """The delegate's registration is cancelled (they are told); a seat it held goes to the waiting list."""
    window = delegation_window(delegation.conference, now=now)
    if not window.is_open:
        raise ValidationError(window.message, code="closed")
    if registration.delegation_id != delegation.pk:
        raise ValidationError(_("This delegate is not in the delegation."), code="gone")
    cancel(registration)


def delegation_counts(delegation: Delegation) -> dict[str, int]:
    counts = dict.fromkeys(RegistrationStatus.values, 0)
    for status in delegation.delegates.values_list("status", flat=True):
        counts[status] += 1
    return counts


def set_quota(
    conference: Conference, *, seats: int, organization: Organization | None = None, kind: str = ""
) -> DelegationQuota:
    """Set (or replace) the quota of an organization or of a kind of organization. Delegates already added
    stay; the quota applies to those added after."""
    quota, _created = DelegationQuota.objects.update_or_create(
        conference=conference,
        organization=organization,
        organization_kind="" if organization else kind,
        defaults={"seats": seats},
    )
    return quota
