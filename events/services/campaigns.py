"""Invitation campaigns: a recipient list, a message per language, one click to invite them all.

Sending writes every invitation, its personal link and its outbox row with a few bulk INSERTs in
one transaction, then hands the rows to the workers once after the commit. Reminders are rows
with a due time that the beat sweep sends (send_due_reminders), never Celery countdowns.
"""

import functools
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.bulk import insert_all
from common.csv_rows import Row, RowProblem, country_code, read_rows
from common.geography import countries_of
from common.locking import locked
from common.site_urls import absolute_url, absolute_url_builder
from events.enums import ConferenceStatus, InvitationAnswer, RecipientSource
from events.models import (
    Campaign,
    CampaignMessage,
    CampaignRecipient,
    CampaignReminder,
    Conference,
    Invitation,
    InvitationLink,
    Organization,
    normalize_name,
)
from events.services.invitations import invitation_expiry, new_link
from outbox.rendering import render_text
from outbox.services import new_message, queue_mails

PLACEHOLDERS = ("name", "organization", "conference", "dates", "link")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
RECIPIENT_COLUMNS = ("email", "name")
OPTIONAL_RECIPIENT_COLUMNS = ("organization", "country", "language")


# Messages and placeholders ---------------------------------------------------------------


class UnknownPlaceholder(ValidationError):
    def __init__(self, names: list[str]) -> None:
        self.names = names
        super().__init__(
            _("Unknown placeholder %(names)s. The placeholders are %(known)s.")
            % {
                "names": ", ".join(f"{{{name}}}" for name in names),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
            code="unknown_placeholder",
        )


def placeholders_in(text: str) -> list[str]:
    return [match.strip() for match in PLACEHOLDER.findall(text)]


def check_message(*, subject: str, body: str) -> None:
    """Refuse a message that names a placeholder we do not have, or that lacks the personal link."""
    unknown = [
        name for name in dict.fromkeys(placeholders_in(subject + "\n" + body)) if name not in PLACEHOLDERS
    ]
    if unknown:
        raise UnknownPlaceholder(unknown)
    if "link" in placeholders_in(subject):
        raise ValidationError(
            {"subject": _("The personal link belongs in the message, not in the subject.")},
            code="link_in_subject",
        )
    if "link" not in placeholders_in(body):
        raise ValidationError(
            {"body": _("Put {link} where the personal link should go: without it nobody can answer.")},
            code="no_link",
        )


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each {placeholder} replaced; raises UnknownPlaceholder naming any it does not know."""
    parts = _parts(text)
    unknown = [
        name for name in dict.fromkeys(part for part, is_name in parts if is_name) if name not in values
    ]
    if unknown:
        raise UnknownPlaceholder(unknown)
    return "".join(values[part] if is_name else part for part, is_name in parts)


@functools.lru_cache(maxsize=64)
def _parts(text: str) -> tuple[tuple[str, bool], ...]:
    """The text cut once into literal pieces and placeholder names, for the thousands of mails of a send."""
    pieces = PLACEHOLDER.split(text)  # literal, name, literal, name, ..., literal
    return tuple((piece.strip(), True) if index % 2 else (piece, False) for index, piece in enumerate(pieces))


@transaction.atomic
def save_message(campaign: Campaign, *, language: str, subject: str, body: str) -> CampaignMessage:
    check_message(subject=subject, body=body)
    message, _created = CampaignMessage.objects.update_or_create(
        campaign=campaign, language=language, defaults={"subject": subject.strip(), "body": body}
    )
    return message


def message_for(campaign: Campaign, language: str, messages: dict[str, CampaignMessage]) -> CampaignMessage:
    """The message in that language, else the one in the campaign's default language."""
    message = messages.get(language) or messages.get(campaign.default_language)
    if message is None:
        raise ValidationError(
            _("Write the message in %(language)s, the campaign's default language, first.")
            % {"language": language_name(campaign.default_language)},
            code="no_default_message",
        )
    return message


def language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def conference_values(conference: Conference, language: str) -> dict[str, str]:
    """The placeholders that are the same for every recipient in one language."""
    with translation.override(language):
        dates = render_text(
            "common/partials/date_range.txt",
            {"starts_on": conference.starts_on, "ends_on": conference.ends_on},
        ).strip()
    return {"conference": conference.title, "dates": dates}


def recipient_values(recipient, conference_part: dict[str, str], link: str) -> dict[str, str]:
    return {
        **conference_part,
        "name": recipient.name,
        "organization": getattr(recipient, "organization_name", "")
        or (recipient.organization.name if recipient.organization else ""),
        "link": link,
    }


@dataclass
class Preview:
    subject: str
    body: str
    language: str


def preview(campaign: Campaign, recipient: CampaignRecipient) -> Preview:
    """The mail as this recipient would get it, with a sample in place of their personal link."""
    messages = {message.language: message for message in campaign.messages.all()}
    message = message_for(campaign, recipient.language, messages)
    sample_link = absolute_url(reverse("events:invitation-detail", kwargs={"token": "sample-personal-link"}))
    values = recipient_values(
        recipient, conference_values(campaign.conference, message.language), sample_link
    )
    return Preview(
        subject=fill(message.subject, values), body=fill(message.body, values), language=message.language
    )


# Recipients ------------------------------------------------------------------------------


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
def add_from_directory(campaign: Campaign, **filters) -> AddReport:
    """Add the contact of each organization the filters select; addresses already listed stay as they are."""
    report = AddReport()
    listed = set(campaign.recipients.values_list("email", flat=True))
    new = []
    for organization in directory_matches(**filters):
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


# Sending ---------------------------------------------------------------------------------


@dataclass
class SendReport:
    invited: int = 0
    already_invited: int = 0


def _mail(invitation: Invitation, message: CampaignMessage, values: dict[str, str], *, key: str, token: str,
          subject_prefix: str = "", intro: str = ""):  # fmt: skip
    conference = invitation.conference
    return new_message(
        to=invitation.email,
        to_name=invitation.name,
        subject=subject_prefix + fill(message.subject, values),
        text=intro + fill(message.body, values),
        language=message.language,
        sender_name=conference.title,
        idempotency_key=key,
        conference=conference,
        about=invitation,
        redact_after_sending=[token],
        batch=invitation.campaign.outbox_batch,
    )


def _link_builder():
    """token -> the absolute URL of its invitation link."""
    return absolute_url_builder("events:invitation-detail", vary="token")


@dataclass(slots=True)
class _RecipientRow:
    """A recipient as send_campaign() needs it: read as plain values, thousands at a time."""

    pk: int
    email: str
    name: str
    organization_id: int | None
    organization_name: str
    country: str
    language: str
    organization = None  # recipient_values() reads organization_name, filled in from the directory


def _recipient_rows(campaign: Campaign) -> list[_RecipientRow]:
    rows = campaign.recipients.order_by("pk").values_list(
        "pk",
        "email",
        "name",
        "organization_id",
        "organization_name",
        "organization__name",
        "country",
        "language",
    )
    return [
        _RecipientRow(pk, email, name, organization_id, typed or listed or "", country, language)
        for pk, email, name, organization_id, typed, listed, country, language in rows
    ]


@transaction.atomic
def send_campaign(campaign: Campaign, *, now: datetime | None = None) -> SendReport:
    """Invite every recipient not yet invited to the conference, each once, in their language.

    Runs again safely: a second send (a double click, or new recipients added since) invites only
    those without an invitation. The conference row is locked so that two sends cannot race.
    """
    now = now or timezone.now()
    conference = locked(Conference, campaign.conference_id)
    if conference.status == ConferenceStatus.DRAFT:
        raise ValidationError(
            _("Publish the conference first: invitees would find its pages closed to them."), code="draft"
        )
    expires_at = invitation_expiry(conference)
    if expires_at <= now:
        raise ValidationError(_("The conference is over: an invitation to it would expire at once."))
    messages = {message.language: message for message in campaign.messages.all()}
    for message in messages.values():
        check_message(subject=message.subject, body=message.body)
    invited = set(Invitation.objects.filter(conference=conference).values_list("email", flat=True))
    recipients = _recipient_rows(campaign)
    report = SendReport(already_invited=sum(recipient.email in invited for recipient in recipients))
    recipients = [recipient for recipient in recipients if recipient.email not in invited]
    if not recipients:
        return report
    chosen = {recipient.pk: message_for(campaign, recipient.language, messages) for recipient in recipients}

    invitations = [
        Invitation(
            conference=conference,
            campaign=campaign,
            email=recipient.email,
            name=recipient.name,
            organization_id=recipient.organization_id,
            country=recipient.country,
            language=chosen[recipient.pk].language,
            expires_at=expires_at,
        )
        for recipient in recipients
    ]
    try:
        with transaction.atomic():
            # No history row per invitation: the campaign records who sent it and when, and the
            # invitation's later changes (its answer) are recorded as usual. It halves the writes.
            invitations = insert_all(Invitation, invitations)
    except IntegrityError:
        raise ValidationError(
            _("Someone invited some of these people at the same moment. Send again to invite the rest."),
            code="race",
        ) from None
    campaign.conference = conference
    per_language = {
        language: conference_values(conference, language)
        for language in {m.language for m in chosen.values()}
    }
    links, mails, link_url = [], [], _link_builder()
    for recipient, invitation in zip(recipients, invitations, strict=True):
        token, link = new_link(invitation)
        links.append(link)
        message = chosen[recipient.pk]
        values = recipient_values(recipient, per_language[message.language], link_url(token))
        mails.append(_mail(invitation, message, values, key=f"invitation:{invitation.pk}", token=token))
    insert_all(InvitationLink, links)
    queue_mails(mails)
    campaign.last_sent_at = now
    campaign.save(update_fields=["last_sent_at"])
    report.invited = len(invitations)
    return report


# Reminders -------------------------------------------------------------------------------


def schedule_reminder(
    campaign: Campaign, *, due_at: datetime, by=None, now: datetime | None = None
) -> CampaignReminder:
    """A reminder to those who have not answered by then, sent by the beat sweep once due."""
    now = now or timezone.now()
    if due_at < now:
        raise ValidationError({"due_at": _("Choose a time in the future.")}, code="past")
    if due_at >= invitation_expiry(campaign.conference):
        raise ValidationError({"due_at": _("Choose a time before the conference ends.")}, code="too_late")
    return CampaignReminder.objects.create(campaign=campaign, due_at=due_at, created_by=by)


@transaction.atomic
def remind_now(campaign: Campaign, *, by=None, now: datetime | None = None) -> CampaignReminder:
    now = now or timezone.now()
    reminder = CampaignReminder.objects.create(campaign=campaign, due_at=now, created_by=by)
    send_reminder(reminder.pk, now=now)
    reminder.refresh_from_db()
    return reminder


def cancel_reminder(reminder: CampaignReminder) -> None:
    with transaction.atomic():
        locked = (
            CampaignReminder.objects.select_for_update().filter(pk=reminder.pk, sent_at__isnull=True).first()
        )
        if locked is None:
            raise ValidationError(_("This reminder has already gone out."), code="sent")
        locked.delete()


@transaction.atomic
def send_reminder(reminder_id: int, *, now: datetime | None = None) -> int:
    """Remind each unanswered, unexpired invitation of the campaign, with a fresh personal link.

    Returns how many were reminded; 0 if the reminder was sent already or another worker holds it.
    """
    now = now or timezone.now()
    reminder = (
        CampaignReminder.objects.select_for_update(skip_locked=True)
        .select_related("campaign__conference")
        .filter(pk=reminder_id, sent_at__isnull=True)
        .first()
    )
    if reminder is None:
        return 0
    campaign = reminder.campaign
    messages = {message.language: message for message in campaign.messages.all()}
    registered = campaign.conference.registrations.active()
    pending = list(
        campaign.invitations.filter(answer=InvitationAnswer.PENDING, expires_at__gt=now)
        .exclude(email__in=registered.values("email"))  # registered without using the invitation's link
        .select_related("organization", "conference")
    )
    recipients = {
        recipient.email: recipient for recipient in campaign.recipients.select_related("organization")
    }
    per_language: dict[str, tuple[dict, str, str]] = {}
    links, mails, link_url = [], [], _link_builder()
    for invitation in pending:
        invitation.campaign = campaign
        message = message_for(campaign, invitation.language, messages)
        if message.language not in per_language:
            with translation.override(message.language):
                per_language[message.language] = (
                    conference_values(campaign.conference, message.language),
                    _("Reminder: "),
                    render_text(
                        "events/mail/campaign_reminder_intro.txt", {"conference": campaign.conference}
                    ),
                )
        conference_part, prefix, intro = per_language[message.language]
        token, link = new_link(invitation)
        links.append(link)
        person = recipients.get(invitation.email, invitation)  # an invitation has a name and organization too
        values = recipient_values(person, conference_part, link_url(token))
        key = f"campaign-reminder:{reminder.pk}:{invitation.pk}"
        mails.append(
            _mail(invitation, message, values, key=key, token=token, subject_prefix=prefix, intro=intro)
        )
    insert_all(InvitationLink, links)
    queue_mails(mails)
    reminder.sent_at = now
    reminder.recipient_count = len(pending)
    reminder.save(update_fields=["sent_at", "recipient_count"])
    return len(pending)


def send_due_reminders(*, now: datetime | None = None) -> list[int]:
    """The beat sweep: send every reminder whose time has come. Each in its own transaction."""
    now = now or timezone.now()
    due = list(
        CampaignReminder.objects.filter(sent_at__isnull=True, due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)
    )
    sent = []
    for reminder_id in due:
        try:
            send_reminder(reminder_id, now=now)
        except ValidationError:  # e.g. the default message was deleted: leave it due and visible
            continue
        sent.append(reminder_id)
    return sent
