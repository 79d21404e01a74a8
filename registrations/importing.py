"""Organizers register many people at once from a CSV file, with a report by line.

Columns: name, email and country are required; organization, role and language are optional.
Each row goes through register() in its own savepoint (seats, waiting list and mails as for the
form); a bad row is reported with its line and the others are kept.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from common.csv_rows import RowProblem, country_code, read_rows
from events.enums import NewsKind
from registrations.enums import ParticipantRole
from registrations.models import ACTIVE
from registrations.notifications import tell_team
from registrations.services import register

REQUIRED = ("name", "email", "country")
OPTIONAL = ("organization", "role", "language")


@dataclass
class RegistrationImport:
    added: int = 0
    duplicates: list[RowProblem] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def _arguments(values: dict[str, str]) -> tuple[dict, list[str]]:
    problems = []
    try:
        validate_email(values["email"].strip())
    except ValidationError:
        problems.append(_('email "%(value)s" is not a valid address') % {"value": values["email"]})
    country = country_code(values["country"])
    if not country:
        problems.append(
            _('country "%(value)s" is neither an ISO 3166 code (such as DE) nor an English country name')
            % {"value": values["country"]}
        )
    role = values.get("role", "").strip().lower() or ParticipantRole.DELEGATE
    if role not in ParticipantRole.values:
        problems.append(
            _('role "%(value)s" is not one of %(choices)s')
            % {"value": values["role"], "choices": ", ".join(ParticipantRole.values)}
        )
    language = values.get("language", "").strip().lower()
    if language and language not in dict(settings.LANGUAGES):
        problems.append(
            _('language "%(value)s" is not one of %(choices)s')
            % {"value": values["language"], "choices": ", ".join(code for code, _name in settings.LANGUAGES)}
        )
    if not values["name"].strip():
        problems.append(_("name is empty"))
    for column, limit in (("name", 200), ("email", 254), ("organization", 200)):
        if len(values.get(column, "").strip()) > limit:
            problems.append(
                _("%(column)s is longer than %(limit)d characters") % {"column": column, "limit": limit}
            )
    arguments = {
        "full_name": values["name"],
        "email": values["email"],
        "country": country or "",
        "role": role,
        "language": language,
        "new_organization_name": values.get("organization", ""),
    }
    return arguments, problems


def import_registrations(conference, data: bytes) -> RegistrationImport:
    """Raises ValidationError, having registered nobody, when the file as a whole cannot be read."""
    rows, ignored = read_rows(data, required=REQUIRED, optional=OPTIONAL)
    report = RegistrationImport(ignored_columns=ignored)
    registered = set(conference.registrations.filter(status__in=ACTIVE).values_list("email", flat=True))
    line_of: dict[str, int] = {}
    added = []
    for row in rows:
        arguments, problems = _arguments(row.values)
        email = arguments["email"].strip().lower()
        if problems:
            report.errors.append(RowProblem(row.line, "; ".join(problems)))
            continue
        if email in line_of:
            report.duplicates.append(
                RowProblem(
                    row.line, _("%(email)s repeats line %(line)s.") % {"email": email, "line": line_of[email]}
                )
            )
            continue
        if email in registered:
            report.duplicates.append(
                RowProblem(row.line, _("%(email)s is registered already.") % {"email": email})
            )
            continue
        try:
            with transaction.atomic():
                made = register(
                    conference, outside_window=True, add_new_organization=True, tell_team=False, **arguments
                )
        except ValidationError as error:
            report.errors.append(RowProblem(row.line, "; ".join(error.messages)))
            continue
        line_of[email] = row.line
        added.append(made.registration)
        report.added += 1
    tell_team(conference, [(NewsKind.REGISTERED, registration) for registration in added])  # in one mail
    return report
