"""Reading a spreadsheet saved as CSV: one reader for every import, with rows numbered as the sheet shows.

The header is line 1, the first data row line 2. Problems with the whole file are raised as
ValidationError before anything is used; problems with one row are the importer's to report.
"""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
SNIFF_CHARS = 64 * 1024
DELIMITERS = ",;"


@dataclass
class RowProblem:
    line: int
    message: str


@dataclass
class Row:
    line: int
    values: dict[str, str]
    extra_cells: bool


def read_rows(
    data: bytes, *, required: tuple[str, ...], optional: tuple[str, ...]
) -> tuple[list[Row], list[str]]:
    """The non-empty data rows, and the names of the header's columns that are not read.

    Raises ValidationError when the file as a whole cannot be read: too large, not UTF-8, not CSV,
    empty, a required column missing, or more than MAX_ROWS rows.
    """
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

    known = set(required) | set(optional)
    delimiter = _guess_delimiter(text)
    try:
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        first = next(records, [])
        header = _header(first, known)
        if not set(required) <= set(header):
            # The sniffer may have guessed wrong: try the other separator before giving up.
            for other in DELIMITERS.replace(delimiter, ""):
                other_records = csv.reader(io.StringIO(text, newline=""), delimiter=other)
                other_first = next(other_records, [])
                if set(required) <= set(_header(other_first, known)):
                    records, first, header = other_records, other_first, _header(other_first, known)
                    break
        missing = [column for column in required if column not in header]
        if missing:
            raise ValidationError(
                ngettext(
                    "The first line must name the columns; the column %(missing)s is missing "
                    "(required: %(required)s).",
                    "The first line must name the columns; the columns %(missing)s are missing "
                    "(required: %(required)s).",
                    len(missing),
                )
                % {"missing": ", ".join(missing), "required": ", ".join(required)},
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
            rows.append(Row(line, values, extra_cells))
    except csv.Error as error:
        raise ValidationError(
            _("This is not a CSV file that can be read: %(error)s") % {"error": error}, code="not_csv"
        ) from None
    if not rows:
        raise ValidationError(_("The file has no rows below its header."), code="no_rows")
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


def _header(cells: list[str], known: set[str]) -> dict[str, int]:
    """Known column name -> position; the first of two columns with the same name wins."""
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _column_name(cell)
        if name in known and name not in positions:
            positions[name] = index
    return positions


def country_code(text: str) -> str | None:
    """The ISO 3166 alpha-2 code for a code (alpha-2 or alpha-3) or an English name; "" for empty."""
    if not text:
        return ""
    if text.isalpha() and len(text) in (2, 3):
        code = countries.alpha2(text)
        if code:
            return code
    return countries.by_name(text) or None
