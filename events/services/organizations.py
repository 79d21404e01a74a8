"""Writes on the shared organization directory."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from events.models import Organization, normalize_name


def find_duplicate(*, name: str, country: str, exclude_pk: int | None = None) -> Organization | None:
    """The directory entry with the same normalized name in the same country, if any."""
    duplicates = Organization.objects.filter(normalized_name=normalize_name(name), country=country or "")
    if exclude_pk is not None:
        duplicates = duplicates.exclude(pk=exclude_pk)
    return duplicates.first()


def _duplicate_error(duplicate: Organization) -> ValidationError:
    return ValidationError({"name": _("%(name)s is already in the directory.") % {"name": duplicate}})


def _check_and_save(organization: Organization) -> Organization:
    """Refuse a name without a letter or digit, or one already listed for that country; then save.

    The checks only read; the write (the row and its history record) is one atomic block. The
    unique constraint catches the duplicate that another request saved between our check and
    our write: it is reported the same way instead of failing with an IntegrityError.
    """
    if organization.name and not normalize_name(organization.name):
        raise ValidationError({"name": _("The name must contain at least one letter or digit.")})
    country = organization.country.code or ""
    duplicate = find_duplicate(name=organization.name, country=country, exclude_pk=organization.pk)
    if duplicate is not None:
        raise _duplicate_error(duplicate)
    organization.full_clean(exclude=["normalized_name"], validate_unique=False)
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError:
        duplicate = find_duplicate(name=organization.name, country=country, exclude_pk=organization.pk)
        if duplicate is None:
            raise
        raise _duplicate_error(duplicate) from None
    return organization


def create_organization(**fields) -> Organization:
    """A new directory entry; refused if the same name is already listed for that country."""
    return _check_and_save(Organization(**fields))


def update_organization(organization: Organization, **fields) -> Organization:
    for name, value in fields.items():
        setattr(organization, name, value)
    return _check_and_save(organization)
