"""Reads shared by pages and exports, with their joins, so that no view grows an N+1 of its own."""

from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain

from django.apps import apps
from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django_countries import countries

from common.languages import language_name
from events.enums import MeetingStatus, OrganizationKind, ParticipantRole
from events.models import (
    Conference,
    ConferenceMembership,
    ConferenceOrganizer,
    ConferenceQuerySet,
    Invitation,
    MeetingParticipant,
    Organization,
    PreparatoryMeeting,
    normalize_name,
)
from events.permissions import membership_of
from events.services.campaigns.messages import message_for, placeholders_in, recipient_values


def published_conferences_for_home(*, today: date) -> tuple[ConferenceQuerySet, ConferenceQuerySet]:
    """The public conferences that have not ended, and those that have."""
    public = Conference.objects.public()
    return public.upcoming(today), public.past(today)


def get_visible_conference(*, slug: str, user) -> tuple[Conference, ConferenceMembership | None]:
    """A public conference, or a draft for its team; 404 for anyone else, revealing nothing."""
    conference = get_object_or_404(Conference.objects.select_related("follows"), slug=slug)
    membership = membership_of(user, conference)
    if not conference.is_public and membership is None:
        raise Http404
    return conference, membership


def public_co_organizers(conference: Conference):
    return conference.co_organizers.select_related("organization")


def next_in_series(conference: Conference) -> list[Conference]:
    return list(conference.followed_by.public().order_by("starts_on"))


def memberships_of(user):
    return (
        ConferenceMembership.objects.filter(user=user)
        .select_related("conference")
        .order_by("-conference__starts_on")
    )


def dashboard_counts(conference: Conference) -> dict[str, int]:
    return Conference.objects.filter(pk=conference.pk).aggregate(
        co_organizers=Count("co_organizers", distinct=True),
        team=Count("memberships", distinct=True),
        meetings=Count("meetings", distinct=True, filter=Q(meetings__status=MeetingStatus.SCHEDULED)),
    )


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    what: str
    action: str  # "+" created, "~" changed, "-" deleted
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def history_entries(records: list, describe, *, excluded_fields=()) -> list[HistoryEntry]:
    """Pair each historical record with the previous one of the same object, oldest first; a change
    lists each field that changed (but `excluded_fields`) with its old and new values as displayed:
    a choice by its label, a related object by its name (one query per kind of related object)."""
    previous_by_object = {}
    diffs = []
    for record in sorted(records, key=lambda record: (record.history_date, record.history_id)):
        previous = previous_by_object.get(record.id)
        previous_by_object[record.id] = record
        delta = None
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=excluded_fields)
            if not delta.changes:
                continue
        diffs.append((record, delta))
    related = _related_objects(delta for _record, delta in diffs if delta is not None)
    entries = []
    for record, delta in diffs:
        changes = []
        for change in delta.changes if delta is not None else []:
            field_object = record.instance_type._meta.get_field(change.field)
            changes.append((
                str(field_object.verbose_name),
                _display(field_object, change.old, related),
                _display(field_object, change.new, related),
            ))  # fmt: skip
        who = record.history_user.email if record.history_user else ""
        entries.append(HistoryEntry(record.history_date, who, describe(record), record.history_type, changes))
    return entries


def _related_objects(deltas) -> dict:
    """The objects that changed foreign keys name, one query per model: {(model, pk): object}."""
    wanted: dict = {}
    for delta in deltas:
        model = delta.new_record.instance_type
        for change in delta.changes:
            field_object = model._meta.get_field(change.field)
            if field_object.is_relation and field_object.many_to_one:
                ids = wanted.setdefault(field_object.related_model, set())
                ids.update(value for value in (change.old, change.new) if value is not None)
    found_by_model = {}
    for model, ids in wanted.items():
        objects = model._default_manager.all()
        if any(field_object.name == "organization" for field_object in model._meta.fields):
            objects = objects.select_related("organization")  # a delegation is named by its organization
        found_by_model[model] = objects.in_bulk(ids)
    return {(model, pk): found for model, found in found_by_model.items() for pk, found in found.items()}


def _name_of(found) -> str:
    """A related object by its name, as a form's choice names it: an organization without its country
    code, a person by their name (else address), a delegation by its organization."""
    for attribute in ("name", "title", "full_name", "email"):
        if value := getattr(found, attribute, ""):
            return str(value)
    organization = getattr(found, "organization", None)
    return organization.name if organization is not None else str(found)


# Fields that hold a language code or a list of them, whatever their model: shown by the languages' names.
LANGUAGE_FIELDS = frozenset(
    {"language", "languages", "default_language", "working_languages", "interpretation_languages",
     "interpretation_needs"}
)  # fmt: skip
# JSON lists whose items are the values of a choice: shown by their labels, as the forms show them.
LIST_CHOICES = {"public_roles": ParticipantRole}


def _display(field_object, value, related: dict) -> str:
    """A recorded value as the forms show it, in the active language and the viewer's time zone."""
    if value in (None, "", []):
        return "—"
    if field_object.is_relation and field_object.many_to_one:
        found = related.get((field_object.related_model, value))
        return _name_of(found) if found is not None else f"#{value}"
    if field_object.name in LANGUAGE_FIELDS:
        return list_of(language_name(code) for code in ([value] if isinstance(value, str) else value))
    if field_object.name in LIST_CHOICES and isinstance(value, list):
        labels = dict(LIST_CHOICES[field_object.name].choices)
        return list_of(str(labels.get(item, item)) for item in value)
    if field_object.choices:
        return str(dict(field_object.flatchoices).get(value, value))
    if isinstance(value, bool):
        return capfirst(_("yes") if value else _("no"))
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, list):
        return list_of(str(item) for item in value)
    return str(value)


def list_of(items) -> str:
    """Items joined as a list is written in the active language ("، " in Arabic and Persian)."""
    return pgettext("separator between the items of a list", ", ").join(items)


def conference_history(conference: Conference) -> list[HistoryEntry]:
    """Every recorded change to the conference, its co-organizers, team and meetings, newest first."""
    meeting_ids = set(
        PreparatoryMeeting.history.filter(conference_id=conference.pk).values_list("id", flat=True).distinct()
    )
    groups = [
        (conference.history.select_related("history_user"), lambda record: str(record.title)),
        (
            ConferenceOrganizer.history.filter(conference_id=conference.pk).select_related(
                "history_user", "organization"
            ),
            lambda record: f"{record.organization}",
        ),
        (
            ConferenceMembership.history.filter(conference_id=conference.pk).select_related(
                "history_user", "user"
            ),
            lambda record: f"{record.user.email if record.user else '—'} ({record.get_role_display()})",
        ),
        (
            PreparatoryMeeting.history.filter(conference_id=conference.pk).select_related("history_user"),
            lambda record: str(record.title),
        ),
        (
            MeetingParticipant.history.filter(meeting_id__in=meeting_ids).select_related("history_user"),
            lambda record: f"{record.name} <{record.email}>",
        ),
        *_deletions(conference),
    ]
    entries = list(
        chain.from_iterable(history_entries(list(records), describe) for records, describe in groups)
    )
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def _deletions(conference: Conference) -> list:
    """Sessions and documents deleted from the conference: their current state is on their own
    pages, but what is gone is kept (with who deleted it) only in their history. The models are
    looked up by label because the program and proceedings apps sit above this one."""
    session_model, document_model = (
        apps.get_model("program", "Session"),
        apps.get_model("proceedings", "Document"),
    )
    return [
        (
            session_model.history.filter(conference_id=conference.pk, history_type="-").select_related(
                "history_user"
            ),
            lambda record: _with_title(_("Session “%(title)s”"), record.title),
        ),
        (
            document_model.history.filter(conference_id=conference.pk, history_type="-").select_related(
                "history_user"
            ),
            lambda record: _with_title(_("Document “%(title)s”"), record.title),
        ),
    ]


def _with_title(message: str, title: str) -> SafeString:
    """The translated message, escaped, with the title in <bdi>: a title in another script than the
    page's keeps its own direction and leaves the quotation marks around it in place."""
    return mark_safe(conditional_escape(message) % {"title": format_html("<bdi>{}</bdi>", title)})  # noqa: S308


def history_page(conference: Conference, *, page_number) -> Page:
    return Paginator(conference_history(conference), 50).get_page(page_number)


DIRECTORY_SEARCH_LIMIT = 20


def search_directory(query: str) -> dict:
    """Up to DIRECTORY_SEARCH_LIMIT organizations whose normalized name contains the query.

    Returns the context of the picker fragment: the query, whether it could be searched at all,
    the organizations found, and whether there were more.
    """
    query = (query or "").strip()[:200]
    searched = bool(normalize_name(query))
    found = []
    if searched:
        found = list(Organization.objects.search(query).order_by("name", "pk")[: DIRECTORY_SEARCH_LIMIT + 1])
    return {
        "query": query,
        "searched": searched,
        "organizations": found[:DIRECTORY_SEARCH_LIMIT],
        "more": len(found) > DIRECTORY_SEARCH_LIMIT,
    }


def invitation_summary(conference: Conference) -> dict:
    """Answers in all, and per country and per kind of organization: {row label: {answer: count}}."""

    invitations = Invitation.objects.filter(conference=conference)
    by_answer = dict(invitations.values_list("answer").annotate(count=Count("pk")))

    def table(field: str, label) -> dict[str, dict[str, int]]:
        rows: dict[str, dict[str, int]] = {}
        for value, answer, count in invitations.values_list(field, "answer").annotate(count=Count("pk")):
            rows.setdefault(label(value), {})[answer] = count
        return dict(sorted(rows.items()))

    kinds = dict(OrganizationKind.choices)
    return {
        "by_answer": by_answer,
        "by_country": table("country", lambda code: countries.name(code) if code else "—"),
        "by_kind": table("organization__kind", lambda kind: str(kinds.get(kind, "—"))),
    }


INVITATION_LIST_LIMIT = 500


def invitation_list(conference: Conference, *, limit: int = INVITATION_LIST_LIMIT) -> list[Invitation]:
    """The conference's invitations, newest first, with their organizations; each carries `registration`,
    the last one made through its link (None: nobody registered with it), whose status the organizers'
    list shows beside the answer: an invitee who accepted, registered and then cancelled no longer reads
    as coming. Read through the reverse relation, so that this app needs nothing of registrations'."""
    invitations = list(
        conference.invitations.select_related("organization")
        .prefetch_related("registrations")  # in the order they were made (Registration's own ordering)
        .order_by("-created_at")[:limit]
    )
    for invitation in invitations:
        made = list(invitation.registrations.all())
        invitation.registration = made[-1] if made else None
    return invitations


def campaign_recipients(campaign):
    """The campaign's recipients, each with its invitation's answer (None: not invited yet)."""
    answers = Invitation.objects.filter(conference=campaign.conference_id, email=OuterRef("email"))
    return campaign.recipients.annotate(answer=Subquery(answers.values("answer")[:1])).order_by("name", "pk")


def empty_placeholders(campaign) -> dict[str, int]:
    """Among the recipients not invited yet: how many would read an empty {name} or {organization}
    in the message of their language ("we invite  to …"), by placeholder. Raises ValidationError
    when a language has no message to fall back on, as sending would."""
    messages = {message.language: message for message in campaign.messages.all()}
    used = {
        language: set(placeholders_in(message.subject + message.body))
        for language, message in messages.items()
    }
    counts = {"name": 0, "organization": 0}
    pending = campaign_recipients(campaign).filter(answer__isnull=True).select_related("organization")
    for recipient in pending:
        placeholders = used[message_for(campaign, recipient.language, messages).language]
        values = recipient_values(recipient, {}, link="")  # what the mail will fill them with
        for placeholder in counts:
            if placeholder in placeholders and not values[placeholder].strip():
                counts[placeholder] += 1
    return {placeholder: count for placeholder, count in counts.items() if count}


def campaign_languages(campaign) -> list[dict]:
    """Per language of the recipients and of the messages: how many read it, and whether it has a message."""
    written = {message.language: message for message in campaign.messages.all()}
    counts = dict(campaign.recipients.values_list("language").annotate(count=Count("pk")))
    codes = sorted(set(counts) | set(written) | {campaign.default_language})
    return [
        {
            "code": code,
            "name": language_name(code),
            "recipients": counts.get(code, 0),
            "message": written.get(code),
            "is_default": code == campaign.default_language,
        }
        for code in codes
    ]
