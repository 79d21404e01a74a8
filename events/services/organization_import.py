"""Add many organizations to the directory at once from a spreadsheet saved as CSV.

The file needs a header row naming its columns: name, kind and country are required;
email and website are optional. Each row goes through the same rules as the form
(`create_organization`), in its own savepoint: a bad row is reported and skipped, and
every good row is kept. Only a problem with the whole file (not UTF-8, not CSV, empty,
too large, a required column missing) stops the import before anything is saved.

Lines are numbered as a spreadsheet shows them: the header is line 1, the first data row line 2.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from common.csv_rows import Row, RowProblem, country_code, read_rows
from events.enums import OrganizationKind
from events.models import Organization, normalize_name
from events.services.organizations import create_organization

REQUIRED_COLUMNS = ("name", "kind", "country")
OPTIONAL_COLUMNS = ("email", "website")

# Model field -> the CSV column it comes from, to name the column in a row's error.
COLUMN_OF_FIELD = {
    "name": "name",
    "kind": "kind",
    "country": "country",
    "contact_email": "email",
    "website": "website",
}


@dataclass
class ImportReport:
    created: list[Organization] = field(default_factory=list)
    duplicates: list[RowProblem] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def import_organizations(data: bytes, *, created_by_conference=None) -> ImportReport:
    """Create a directory entry for every good row of a CSV file; report the others. The entries are
    recorded as added by the team of `created_by_conference` (None: by site staff).

    Raises ValidationError, having saved nothing, when the file as a whole cannot be read.
    """
    rows, ignored = read_rows(data, required=REQUIRED_COLUMNS, optional=OPTIONAL_COLUMNS)
    report = ImportReport(ignored_columns=ignored)
    existing = _existing_entries(rows)
    kinds = _kinds()
    created_at_line: dict[tuple[str, str], tuple[int, Organization]] = {}
    for row in rows:
        fields, problems = _fields_of(row, kinds)
        if problems:
            report.errors.append(RowProblem(row.line, "; ".join(problems)))
            continue
        key = (normalize_name(fields["name"]), fields["country"])
        if key in created_at_line:
            earlier_line, earlier = created_at_line[key]
            report.duplicates.append(
                RowProblem(
                    row.line,
                    _("%(name)s repeats line %(line)s, already imported as %(existing)s.")
                    % {"name": fields["name"], "line": earlier_line, "existing": earlier},
                )
            )
            continue
        if key in existing:
            report.duplicates.append(
                RowProblem(
                    row.line,
                    _("%(name)s is already in the directory as %(existing)s.")
                    % {"name": fields["name"], "existing": existing[key]},
                )
            )
            continue
        try:
            with transaction.atomic():
                organization = create_organization(created_by_conference=created_by_conference, **fields)
        except ValidationError as error:
            report.errors.append(RowProblem(row.line, _describe(error, fields)))
        except IntegrityError:
            report.errors.append(
                RowProblem(row.line, _("The row could not be saved; another change got in the way."))
            )
        else:
            created_at_line[key] = (row.line, organization)
            report.created.append(organization)
    return report


def _kind_key(text: str) -> str:
    return " ".join(re.split(r"[\s_-]+", text.strip().casefold()))


def _kinds() -> dict[str, str]:
    """Every accepted spelling of a kind -> its value: the value itself or its English label."""
    with translation.override("en"):
        spellings = {_kind_key(str(label)): value for value, label in OrganizationKind.choices}
    spellings.update({_kind_key(value): value for value in OrganizationKind.values})
    return spellings


def _fields_of(row: Row, kinds: dict[str, str]) -> tuple[dict, list[str]]:
    """The keyword arguments for create_organization, or the problems that prevent it."""
    values = row.values
    problems = []
    if row.extra_cells:
        problems.append(
            _(
                "the row has more cells than the header has columns "
                "(a value containing a comma or semicolon must be in quotes)"
            )
        )
    if not values["name"]:
        problems.append(_("name is empty"))
    kind = kinds.get(_kind_key(values["kind"]))
    if kind is None:
        choices = ", ".join(OrganizationKind.values)
        if values["kind"]:
            problems.append(
                _('kind "%(value)s" is not one of %(choices)s')
                % {"value": values["kind"], "choices": choices}
            )
        else:
            problems.append(_("kind is empty: give one of %(choices)s") % {"choices": choices})
    country = country_code(values["country"])
    if country is None:
        problems.append(
            _(
                'country "%(value)s" is neither an ISO 3166 code (such as DE) nor an English country name; '
                "leave it empty for an international body"
            )
            % {"value": values["country"]}
        )
    website = values.get("website", "")
    if website and "://" not in website:
        website = f"https://{website}"
    fields = {
        "name": values["name"],
        "kind": kind,
        "country": country,
        "contact_email": values.get("email", ""),
        "website": website,
    }
    return fields, problems


def _describe(error: ValidationError, fields: dict) -> str:
    """The service's refusal as one line naming the CSV column and the value at fault."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    parts = []
    for field_name, messages in error.message_dict.items():
        column = COLUMN_OF_FIELD.get(field_name)
        text = " ".join(messages)
        if column is None or field_name == NON_FIELD_ERRORS:
            parts.append(text)
        else:
            value = fields.get(field_name, "")
            parts.append(
                _('%(column)s "%(value)s": %(message)s') % {"column": column, "value": value, "message": text}
            )
    return "; ".join(parts)


def _existing_entries(rows: list[Row]) -> dict[tuple[str, str], Organization]:
    """The directory entries whose normalized name appears in the file, by (name, country)."""
    names = sorted({normalize_name(row.values["name"]) for row in rows} - {""})
    found = {}
    for start in range(0, len(names), 500):
        for organization in Organization.objects.filter(normalized_name__in=names[start : start + 500]):
            found[(organization.normalized_name, organization.country.code or "")] = organization
    return found
