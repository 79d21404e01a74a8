"""Writes on the shared organization directory: entries, and the changes proposed to site staff."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.locking import locked
from events.enums import ProposalStatus
from events.models import Conference, Organization, OrganizationChangeProposal, normalize_name

# The fields a proposal may change, as the directory's form edits them.
PROPOSABLE_FIELDS = ("name", "kind", "country", "website", "contact_email", "languages")


def find_duplicate(*, name: str, country: str, exclude_pk: int | None = None) -> Organization | None:
    """The directory entry with the same normalized name in the same country, if any."""
    duplicates = Organization.objects.filter(normalized_name=normalize_name(name), country=country or "")
    if exclude_pk is not None:
        duplicates = duplicates.exclude(pk=exclude_pk)
    return duplicates.first()


def _duplicate_error(duplicate: Organization) -> ValidationError:
    return ValidationError({"name": _("%(name)s is already in the directory.") % {"name": duplicate}})


def _check(organization: Organization) -> None:
    """Refuse a name without a letter or digit, one already listed for that country, or a bad field."""
    if organization.name and not normalize_name(organization.name):
        raise ValidationError({"name": _("The name must contain at least one letter or digit.")})
    country = organization.country.code or ""
    duplicate = find_duplicate(name=organization.name, country=country, exclude_pk=organization.pk)
    if duplicate is not None:
        raise _duplicate_error(duplicate)
    organization.full_clean(exclude=["normalized_name", "created_by_conference"], validate_unique=False)


def _check_and_save(organization: Organization) -> Organization:
    """Check (`_check`), then save.

    The checks only read; the write (the row and its history record) is one atomic block. The
    unique constraint catches the duplicate that another request saved between our check and
    our write: it is reported the same way instead of failing with an IntegrityError.
    """
    _check(organization)
    country = organization.country.code or ""
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError:
        duplicate = find_duplicate(name=organization.name, country=country, exclude_pk=organization.pk)
        if duplicate is None:
            raise
        raise _duplicate_error(duplicate) from None
    return organization


def create_organization(*, created_by_conference: Conference | None = None, **fields) -> Organization:
    """A new directory entry; refused if the same name is already listed for that country.

    `created_by_conference` records whose team added it (None: site staff): that team may change it
    while no other conference relies on it."""
    return _check_and_save(Organization(created_by_conference=created_by_conference, **fields))


def update_organization(organization: Organization, **fields) -> Organization:
    for name, value in fields.items():
        setattr(organization, name, value)
    return _check_and_save(organization)


def _plain(value):
    """A form value as JSON keeps it: a country as its code, a list of languages as a list."""
    code = getattr(value, "code", None)
    if code is not None:
        return code or ""
    return list(value) if isinstance(value, list | tuple) else value


def propose_organization_change(
    organization: Organization, *, proposed_by: User, **fields
) -> OrganizationChangeProposal:
    """Store a change for site staff to accept or refuse; the entry itself is not touched.

    The values are checked as an edit would be (a duplicate name is refused now, not at acceptance),
    and only the fields that differ from the entry are kept."""
    unknown = set(fields) - set(PROPOSABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not proposable: {', '.join(sorted(unknown))}")
    current = Organization.objects.get(pk=organization.pk)
    changes = {
        name: _plain(value)
        for name, value in fields.items()
        if _plain(getattr(current, name)) != _plain(value)
    }
    if not changes:
        raise ValidationError(_("The proposal changes nothing."), code="unchanged")
    for name, value in changes.items():
        setattr(current, name, value)
    _check(current)
    return OrganizationChangeProposal.objects.create(
        organization=organization, changes=changes, proposed_by=proposed_by
    )


def _decide(
    proposal: OrganizationChangeProposal, *, status: str, decided_by: User
) -> OrganizationChangeProposal:
    proposal = locked(OrganizationChangeProposal, proposal.pk)
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(_("This proposal was already decided."), code="decided")
    proposal.status, proposal.decided_by, proposal.decided_at = status, decided_by, timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    return proposal


@transaction.atomic
def accept_proposal(proposal: OrganizationChangeProposal, *, decided_by: User) -> Organization:
    """Apply the proposed values to the entry, in its history under the name of the staff member who
    accepted; a value that has become a duplicate meanwhile refuses the whole acceptance."""
    proposal = _decide(proposal, status=ProposalStatus.ACCEPTED, decided_by=decided_by)
    organization = locked(Organization, proposal.organization_id)
    organization._history_user = decided_by  # simple_history: who made this change
    return update_organization(organization, **proposal.changes)


@transaction.atomic
def refuse_proposal(proposal: OrganizationChangeProposal, *, decided_by: User) -> OrganizationChangeProposal:
    """Mark the proposal refused; the entry stays as it is."""
    return _decide(proposal, status=ProposalStatus.REFUSED, decided_by=decided_by)
