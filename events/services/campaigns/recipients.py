"""Who a campaign invites: recipients chosen from the directory or uploaded as a list, each once."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from common.csv_rows import Row, RowProblem, country_code, read_rows
from common.geography import countries_of
from events.enums import RecipientSource
from events.models import (
    Campaign,
    CampaignRecipient,
    Invitation,
    Organization,
    normalize_name,
)

RECIPIENT_COLUMNS = ("email", "name")


OPTIONAL_RECIPIENT_COLUMNS = ("organization", "country", "language")


@dataclass
class AddReport:
    added: int = 0
    already_listed: int = 0
    without_email: int = 0


def directory_matches(*, kind: str = "", country: str = "", continent: str = "", language: str = ""):
    """The organizations of the directory that the filters select, with or without a contact address."""
    organizations = Organization.objects.order_by("name", "pk")
    if kind:
        organizations = organizations.filter(kind=kind)
    if country:
        organizations = organizations.filter(country=country)
    if continent:
        organizations = organizations.filter(country__in=countries_of(continent))
    organizations = list(organizations)
    if language:  # a JSON list: filtered here, since SQLite cannot look inside it
        organizations = [organization for organization in organizations if language in organization.languages]
    return organizations


def recipient_language(campaign: Campaign, spoken: list[str]) -> str:
    """The first language the organization reads that the site speaks; else the campaign's default."""
    site_languages = dict(settings.LANGUAGES)
    return next((code for code in spoken if code in site_languages), campaign.default_language)


@transaction.atomic
def add_from_directory(
    campaign: Campaign, *, kind: str = "", country: str = "", continent: str = "", language: str = ""
) -> AddReport:
    """Add the contact of each organization the filters select; addresses already listed stay as they are."""
    report = AddReport()
    listed = set(campaign.recipients.values_list("email", flat=True))
    new = []
    for organization in directory_matches(kind=kind, country=country, continent=continent, language=language):
        email = organization.contact_email.strip().lower()
        if not email:
            report.without_email += 1
        elif email in listed:
            report.already_listed += 1
        else:
            listed.add(email)
            new.append(
                CampaignRecipient(
                    campaign=campaign,
                    email=email,
                    name=organization.name,
                    organization=organization,
                    organization_name=organization.name,
                    country=organization.country,
                    language=recipient_language(campaign, organization.languages),
                    source=RecipientSource.DIRECTORY,
                )
            )
    CampaignRecipient.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    report.added = len(new)
    return report


@dataclass
class RecipientImport:
    added: int = 0
    duplicates: list[RowProblem] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


@transaction.atomic
def import_recipients(campaign: Campaign, data: bytes) -> RecipientImport:
    """Add a CSV file's people (columns email, name; optional organization, country, language).

    A row with a malformed address, an unknown country or language, or no name is reported by its
    line and left out; an address already listed, or repeated in the file, is added once.
    Raises ValidationError, having added nothing, when the file as a whole cannot be read.
    """
    rows, ignored = read_rows(data, required=RECIPIENT_COLUMNS, optional=OPTIONAL_RECIPIENT_COLUMNS)
    report = RecipientImport(ignored_columns=ignored)
    listed = set(campaign.recipients.values_list("email", flat=True))
    line_of: dict[str, int] = {}
    directory = _directory_by_name(rows)
    new = []
    for row in rows:
        recipient, problems = _recipient_of(campaign, row, directory)
        if problems:
            report.errors.append(RowProblem(row.line, "; ".join(problems)))
        elif recipient.email in line_of:
            report.duplicates.append(
                RowProblem(
                    row.line,
                    _("%(email)s repeats line %(line)s.")
                    % {"email": recipient.email, "line": line_of[recipient.email]},
                )
            )
        elif recipient.email in listed:
            report.duplicates.append(
                RowProblem(row.line, _("%(email)s is already on the list.") % {"email": recipient.email})
            )
        else:
            line_of[recipient.email] = row.line
            new.append(recipient)
    CampaignRecipient.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    report.added = len(new)
    return report


def _recipient_of(campaign: Campaign, row: Row, directory) -> tuple[CampaignRecipient, list[str]]:
    values, problems = row.values, []
    if row.extra_cells:
        problems.append(
            _(
                "the row has more cells than the header has columns "
                "(a value containing a comma or semicolon must be in quotes)"
            )
        )
    email = values["email"].strip().lower()
    try:
        validate_email(email)
        if len(email) > 254:
            raise ValidationError("too long")
    except ValidationError:
        problems.append(_('email "%(value)s" is not a valid address') % {"value": values["email"]})
    name = values["name"].strip()
    if not name:
        problems.append(_("name is empty"))
    country = country_code(values.get("country", ""))
    if country is None:
        problems.append(
            _('country "%(value)s" is neither an ISO 3166 code (such as DE) nor an English country name')
            % {"value": values["country"]}
        )
    language = values.get("language", "").strip().lower() or campaign.default_language
    if language not in dict(settings.LANGUAGES):
        problems.append(
            _('language "%(value)s" is not one of %(choices)s')
            % {"value": values["language"], "choices": ", ".join(code for code, _name in settings.LANGUAGES)}
        )
    organization_name = values.get("organization", "").strip()[:200]
    recipient = CampaignRecipient(
        campaign=campaign,
        email=email,
        name=name[:200],
        organization=directory.get((normalize_name(organization_name), country or "")),
        organization_name=organization_name,
        country=country or "",
        language=language,
        source=RecipientSource.UPLOAD,
    )
    return recipient, problems


def _directory_by_name(rows) -> dict[tuple[str, str], Organization]:
    """Directory entries named in the file, by (normalized name, country), to link recipients to them."""
    names = sorted({normalize_name(row.values.get("organization", "")) for row in rows} - {""})
    found = {}
    for start in range(0, len(names), 500):
        for organization in Organization.objects.filter(normalized_name__in=names[start : start + 500]):
            found[(organization.normalized_name, organization.country.code or "")] = organization
    return found


def remove_recipient(campaign: Campaign, recipient: CampaignRecipient) -> None:
    if Invitation.objects.filter(campaign=campaign, email=recipient.email).exists():
        raise ValidationError(
            _("%(email)s is already invited; the invitation stays.") % {"email": recipient.email}
        )
    recipient.delete()
