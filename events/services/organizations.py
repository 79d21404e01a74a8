"""Writes on the shared organization directory."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from events.models import Organization, normalize_name


def find_duplicate(*, name: str, country: str, exclude_pk: int | None = None) -> Organization | None:
    """The directory entry with the same normalized name in the same country, if any."""
    duplicates = Organization.objects.filter(normalized_name=normalize_name(name), country=country or "")
    if exclude_pk is not None:
        duplicates = duplicates.exclude(pk=exclude_pk)
    return duplicates.first()


@transaction.atomic
def create_organization(**fields) -> Organization:
    """A new directory entry; refused if the same name is already listed for that country."""
    organization = Organization(**fields)
    duplicate = find_duplicate(name=organization.name, country=organization.country.code or "")
    if duplicate is not None:
        raise ValidationError({"name": _("%(name)s is already in the directory.") % {"name": duplicate}})
    organization.full_clean(exclude=["normalized_name"], validate_unique=False)
    organization.save()
    return organization


@transaction.atomic
def update_organization(organization: Organization, **fields) -> Organization:
    for name, value in fields.items():
        setattr(organization, name, value)
    duplicate = find_duplicate(
        name=organization.name, country=organization.country.code or "", exclude_pk=organization.pk
    )
    if duplicate is not None:
        raise ValidationError({"name": _("%(name)s is already in the directory.") % {"name": duplicate}})
    organization.full_clean(exclude=["normalized_name"], validate_unique=False)
    organization.save()
    return organization
