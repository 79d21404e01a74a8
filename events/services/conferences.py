"""Writes on conferences and their co-organizers."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from common.content import localized_columns
from common.locking import locked
from events.enums import ConferenceStatus, TeamRole
from events.models import Conference, ConferenceMembership, ConferenceOrganizer, Organization
from events.services.organizations import create_organization


@dataclass(frozen=True)
class ConferenceChange:
    """What a settings change means beyond the conference's row: whether it moved (dates or place:
    calendars that hold it must follow) and whether seats were added (the waiting list can move up).
    Registrations act on it: registrations.services.change_conference."""

    conference: Conference
    moved: bool
    seats_added: bool


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    done: bool


def unique_slug(title: str) -> str:
    """A free slug made from the title: "international-conference-2", if the plain one is taken."""
    base = slugify(title)[:70] or "conference"
    slug, counter = base, 2
    while Conference.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def validate_conference_fields(conference: Conference) -> None:
    """The rules a conference keeps on every save; errors name their field."""
    errors = {}
    if conference.starts_on and conference.ends_on and conference.ends_on < conference.starts_on:
        errors["ends_on"] = _("The last day cannot be before the first day.")
    opens, closes = conference.registration_opens_at, conference.registration_closes_at
    if opens and closes and closes <= opens:
        errors["registration_closes_at"] = _("Registration must close after it opens.")
    if conference.pk and conference.capacity is not None:
        confirmed = conference.registrations.confirmed().count()
        if conference.capacity < confirmed:
            errors["capacity"] = _(
                "%(count)d participants are confirmed already: the capacity cannot be lower. "
                "Cancel registrations first if seats are really fewer."
            ) % {"count": confirmed}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_conference(*, created_by: User, **fields) -> Conference:
    """A draft conference whose creator is its owner."""
    conference = Conference(status=ConferenceStatus.DRAFT, **fields)
    if not conference.slug:
        conference.slug = unique_slug(conference.title)
    validate_conference_fields(conference)
    try:
        with transaction.atomic():
            conference.save()
    except IntegrityError:  # another request took the slug between our check and our insert
        raise ValidationError({"slug": _("This short name is already taken.")}) from None
    ConferenceMembership.objects.create(conference=conference, user=created_by, role=TeamRole.OWNER)
    return conference


# A change of these moves the conference in its participants' calendars. The online link is not one:
# calendars carry the personal join page instead, which a change of format adds or takes away.
CALENDAR_FIELDS = ("starts_on", "ends_on", "timezone", *localized_columns("venue"), "address", "format")


@transaction.atomic
def update_conference(conference: Conference, **fields) -> ConferenceChange:
    """Save the changes, raising the SEQUENCE if the dates or the place changed; the returned change
    says what else must follow (see ConferenceChange)."""
    # The row as stored, locked (registrations count seats under this lock). Not the object passed
    # in: a ModelForm has already written the new values onto it.
    stored = locked(Conference, conference.pk)
    before = {name: getattr(stored, name) for name in (*CALENDAR_FIELDS, "capacity")}
    conference.sequence = stored.sequence
    for name, value in fields.items():
        setattr(conference, name, value)
    validate_conference_fields(conference)
    moved = any(getattr(conference, name) != before[name] for name in CALENDAR_FIELDS)
    if moved:
        conference.sequence += 1
    conference.save()
    seats_added = before["capacity"] is not None and (
        conference.capacity is None or conference.capacity > before["capacity"]
    )
    return ConferenceChange(conference=conference, moved=moved, seats_added=seats_added)


CHECKLIST = {
    "dates": gettext_lazy("Dates"),
    "description": gettext_lazy("A description"),
    "co_organizer": gettext_lazy("At least one co-organizer"),
}


def publish_checklist(conference: Conference) -> list[ChecklistItem]:
    done = {
        "dates": bool(conference.starts_on and conference.ends_on),
        "description": bool(conference.description.strip()),
        "co_organizer": conference.co_organizers.exists(),
    }
    return [ChecklistItem(label=str(label), done=done[key]) for key, label in CHECKLIST.items()]


@transaction.atomic
def publish_conference(conference: Conference) -> Conference:
    """Make the conference public; refused with the list of what is missing."""
    missing = [item.label for item in publish_checklist(conference) if not item.done]
    if missing:
        raise ValidationError(_("Before publishing, add: %(missing)s.") % {"missing": ", ".join(missing)})
    conference.status = ConferenceStatus.PUBLISHED
    conference.save(update_fields=["status", "updated_at"])
    return conference


@transaction.atomic
def unpublish_conference(conference: Conference) -> Conference:
    conference.status = ConferenceStatus.DRAFT
    conference.save(update_fields=["status", "updated_at"])
    return conference


@transaction.atomic
def archive_conference(conference: Conference) -> Conference:
    """Keep a past conference public but closed to changes of its program and registrations."""
    conference.status = ConferenceStatus.ARCHIVED
    conference.save(update_fields=["status", "updated_at"])
    return conference


@transaction.atomic
@transaction.atomic
def add_new_co_organizer(
    conference: Conference, *, name: str, kind: str, country: str
) -> ConferenceOrganizer:
    """An organization not yet in the directory: added to it for this conference's team, then as a
    co-organizer; neither stays if the second step is refused."""
    organization = create_organization(
        name=name, kind=kind, country=country, created_by_conference=conference
    )
    return add_co_organizer(conference, organization=organization)


def add_co_organizer(conference: Conference, *, organization: Organization) -> ConferenceOrganizer:
    if conference.co_organizers.filter(organization=organization).exists():
        raise ValidationError(
            {"organization": _("%(name)s is already a co-organizer.") % {"name": organization}}
        )
    last = conference.co_organizers.aggregate(last=Max("position"))["last"]
    try:
        with transaction.atomic():
            return ConferenceOrganizer.objects.create(
                conference=conference, organization=organization, position=0 if last is None else last + 1
            )
    except IntegrityError:  # the same organization added by a second request at the same moment
        raise ValidationError(
            {"organization": _("%(name)s is already a co-organizer.") % {"name": organization}}
        ) from None


@transaction.atomic
def remove_co_organizer(co_organizer: ConferenceOrganizer) -> None:
    co_organizer.delete()


@transaction.atomic
def move_co_organizer(co_organizer: ConferenceOrganizer, *, up: bool) -> list[ConferenceOrganizer]:
    """Swap with the neighbour above (up) or below; returns the new order."""
    ordered = list(
        ConferenceOrganizer.objects.select_for_update()
        .filter(conference=co_organizer.conference_id)
        .order_by("position", "id")
    )
    index = next(i for i, item in enumerate(ordered) if item.pk == co_organizer.pk)
    neighbour = index - 1 if up else index + 1
    if 0 <= neighbour < len(ordered):
        ordered[index], ordered[neighbour] = ordered[neighbour], ordered[index]
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    return ordered
