"""The registration list as CSV or XLSX, safe to open in a spreadsheet.

A cell that begins with =, +, -, @, a tab or a carriage return would be read as a formula
(CSV injection); such cells are written with a leading apostrophe, as spreadsheets display text.
In the XLSX, dates are date cells (in the conference's time zone), booleans and numbers are typed, so
that a spreadsheet sorts and counts them; the CSV writes them as text.
"""

import csv
import io
import re
from datetime import UTC, datetime, tzinfo
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XLSX cannot hold them


def neutralize(value) -> str:
    text = CONTROL_CHARACTERS.sub("", "" if value is None else str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def header(*, sensitive: bool) -> list[str]:
    """The column names; the sensitive column (accessibility needs) only with `sensitive`, marked as such."""
    return [
        pgettext("date of registration", "Registered"), _("Status"), _("Full name"), _("Email"),
        _("Organization"), _("Kind of organization"), _("Delegation"), _("Country"), _("Role"),
        _("Languages"), _("Interpretation"),
        *([_("Accessibility needs (sensitive)")] if sensitive else []),
        _("Name may be public"), _("Note"), _("Present"),
    ]  # fmt: skip


def rows(registrations, *, sensitive: bool):
    """Each registration's cells as values of their own type: aware datetimes, booleans, text."""
    for registration in registrations.iterator(chunk_size=1000):
        yield [
            registration.created_at,
            registration.get_status_display(),
            registration.full_name,
            registration.email,
            registration.organization_name,  # the typed name when it is not in the directory
            registration.organization_kind_display,
            registration.delegation.organization.name if registration.delegation_id else "",
            registration.country.name,
            registration.get_role_display(),
            " ".join(registration.languages),
            " ".join(registration.interpretation_needs),
            *([registration.accessibility_needs] if sensitive else []),
            registration.public_name,
            registration.note,
            registration.checked_in_at,
        ]


def csv_cell(value) -> str:
    """Text as the CSV has always had it: ISO date-times to the minute, "yes" or "no"."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return neutralize(value)


def csv_response(registrations, *, filename: str, sensitive: bool) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header(sensitive=sensitive))
    for row in rows(registrations, sensitive=sensitive):
        writer.writerow([csv_cell(cell) for cell in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def xlsx_cell(sheet, value, zone: tzinfo):
    """A date-time as a real date cell, in the conference's time zone (a spreadsheet knows no zones);
    a number or a boolean as itself; text neutralized."""
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=timezone.localtime(value, zone).replace(tzinfo=None))
        cell.number_format = DATETIME_FORMAT
        return cell
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    return neutralize(value)


def xlsx_response(registrations, *, filename: str, sensitive: bool, zone: tzinfo = UTC) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Registrations")[:31])
    sheet.append(header(sensitive=sensitive))
    for row in rows(registrations, sensitive=sensitive):
        sheet.append([xlsx_cell(sheet, cell, zone) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
