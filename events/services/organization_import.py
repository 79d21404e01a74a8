"""Add many organizations to the directory at once from a spreadsheet saved as CSV.

The file needs a header row naming its columns: name, kind and country are required;
email and website are optional. Each row goes through the same rules as the form
(`create_organization`), in its own savepoint: a bad row is reported and skipped, and
every good row is kept. Only a problem with the whole file (not UTF-8, not CSV, empty,
too large, a required column missing) stops the import before anything is saved.

Lines are numbered as a spreadsheet shows them: the header is line 1, the first data row line 2.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from events.enums import OrganizationKind
from events.models import Organization, normalize_name
from events.services.organizations import create_organization

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
SNIFF_CHARS = 64 * 1024
REQUIRED_COLUMNS = ("name", "kind", "country")
OPTIONAL_COLUMNS = ("email", "website")
DELIMITERS = ",;"

# Model field -> the CSV column it comes from, to name the column in a row's error.
COLUMN_OF_FIELD = {
    "name": "name",
    "kind": "kind",
    "country": "country",
    "contact_email": "email",
    "website": "website",
}


@dataclass
class RowProblem:
    line: int
    message: str


@dataclass
class ImportReport:
    created: list[Organization] = field(default_factory=list)
    duplicates: list[RowProblem] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    values: dict[str, str]
    extra_cells: bool


def import_organizations(data: bytes) -> ImportReport:
    """Create a directory entry for every good row of a CSV file; report the others.

    Raises ValidationError, having saved nothing, when the file as a whole cannot be read.
    """
    rows, ignored = _read(data)
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
                organization = create_organization(**fields)
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


def _read(data: bytes) -> tuple[list[_Row], list[str]]:
    """The non-empty data rows, and the names of the header's columns that are not imported."""
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)s MB: split it into smaller files.")
            % {"size": MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The file is not in UTF-8. In your spreadsheet, save it as “CSV UTF-8”."), code="encoding"
        ) from None
    if not text.strip():
        raise ValidationError(_("The file is empty."), code="empty")
    if "\x00" in text:
        raise ValidationError(_("This is not a CSV file."), code="not_csv")

    delimiter = _guess_delimiter(text)
    try:
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        first = next(records, [])
        header = _header(first)
        if not set(REQUIRED_COLUMNS) <= set(header):
            # The sniffer may have guessed wrong: try the other separator before giving up.
            for other in DELIMITERS.replace(delimiter, ""):
                other_records = csv.reader(io.StringIO(text, newline=""), delimiter=other)
                other_first = next(other_records, [])
                if set(REQUIRED_COLUMNS) <= set(_header(other_first)):
                    records, first, header = other_records, other_first, _header(other_first)
                    break
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            raise ValidationError(
                ngettext(
                    "The first line must name the columns; the column %(missing)s is missing "
                    "(required: %(required)s).",
                    "The first line must name the columns; the columns %(missing)s are missing "
                    "(required: %(required)s).",
                    len(missing),
                )
                % {"missing": ", ".join(missing), "required": ", ".join(REQUIRED_COLUMNS)},
                code="missing_columns",
            )
        rows = []
        for line, cells in enumerate(records, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) == MAX_ROWS:
                raise ValidationError(
                    _("The file has more than %(count)s rows: split it into smaller files.")
                    % {"count": MAX_ROWS},
                    code="too_many_rows",
                )
            values = {
                column: cells[index].strip() if index < len(cells) else "" for column, index in header.items()
            }
            extra_cells = any(cell.strip() for index, cell in enumerate(cells) if index >= len(first))
            rows.append(_Row(line, values, extra_cells))
    except csv.Error as error:
        raise ValidationError(
            _("This is not a CSV file that can be read: %(error)s") % {"error": error}, code="not_csv"
        ) from None
    if not rows:
        raise ValidationError(_("The file has no rows below its header."), code="no_rows")
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    ignored = [name.strip() for name in first if name.strip() and _column_name(name) not in known]
    return rows, ignored


def _guess_delimiter(text: str) -> str:
    sample = text[:SNIFF_CHARS]
    if len(text) > SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def _column_name(cell: str) -> str:
    return cell.strip().casefold()


def _header(cells: list[str]) -> dict[str, int]:
    """Known column name -> position; the first of two columns with the same name wins."""
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _column_name(cell)
        if name in known and name not in positions:
            positions[name] = index
    return positions


def _kind_key(text: str) -> str:
    return " ".join(re.split(r"[\s_-]+", text.strip().casefold()))


def _kinds() -> dict[str, str]:
    """Every accepted spelling of a kind -> its value: the value itself or its English label."""
    with translation.override("en"):
        spellings = {_kind_key(str(label)): value for value, label in OrganizationKind.choices}
    spellings.update({_kind_key(value): value for value in OrganizationKind.values})
    return spellings


def _country_code(text: str) -> str | None:
    """The ISO 3166 alpha-2 code for a code (alpha-2 or alpha-3) or an English name; "" for empty."""
    if not text:
        return ""
    if text.isalpha() and len(text) in (2, 3):
        code = countries.alpha2(text)
        if code:
            return code
    return countries.by_name(text) or None


def _fields_of(row: _Row, kinds: dict[str, str]) -> tuple[dict, list[str]]:
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
    country = _country_code(values["country"])
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


def _existing_entries(rows: list[_Row]) -> dict[tuple[str, str], Organization]:
    """The directory entries whose normalized name appears in the file, by (name, country)."""
    names = sorted({normalize_name(row.values["name"]) for row in rows} - {""})
    found = {}
    for start in range(0, len(names), 500):
        for organization in Organization.objects.filter(normalized_name__in=names[start : start + 500]):
            found[(organization.normalized_name, organization.country.code or "")] = organization
    return found
