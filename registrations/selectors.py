"""Reads: seats, the organizers' list, and the participation figures (aggregates only)."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.functions import Coalesce, Lower, NullIf
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from common.geography import Continent, continent_of, countries_of
from events.enums import OrganizationKind
from events.models import Organization, normalize_name
from events.selectors import HistoryEntry, history_entries
from registrations.enums import ParticipantRole, RegistrationStatus


def seats(conference) -> dict:
    taken = conference.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    capacity = conference.capacity
    return {
        "capacity": capacity,
        "taken": taken,
        "free": None if capacity is None else max(capacity - taken, 0),
    }


def dashboard_counts(conference) -> dict[str, int]:
    """The registration figures of the organizers' dashboard, in one query."""
    confirmed = Q(status=RegistrationStatus.CONFIRMED)
    return conference.registrations.aggregate(
        confirmed=Count("pk", filter=confirmed),
        waiting=Count("pk", filter=Q(status__in=[RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED])),
        countries=Count("country", distinct=True, filter=confirmed),
    )


def public_organizations(conference, text: str, *, limit: int):
    """The organizations already public on the conference whose name contains `text`: its
    co-organizers, and those of confirmed participants who agreed to be listed."""

    co_organizing = Q(pk__in=conference.co_organizers.values("organization"))
    listed = Q(
        pk__in=conference.registrations.filter(
            status=RegistrationStatus.CONFIRMED, public_name=True, organization__isnull=False
        ).values("organization")
    )
    return Organization.objects.filter(co_organizing | listed).search(text).order_by("name", "pk")[:limit]


def _in_order_of(field: str, values) -> Case:
    """An ORDER BY term that puts a field's values in the given order (an enum's, by name), not the codes'."""
    return Case(
        *(When(**{field: value}, then=Value(rank)) for rank, value in enumerate(values)),
        default=Value(len(values)),
    )


def _country_order() -> Case:
    """Countries by their name in the active language, as the list shows them (django-countries
    iterates in that order)."""
    return _in_order_of("country", [str(code) for code, _name in countries])


# The organizers' list sorts by any of its columns: these keys, "-" in front for the other way.
SORTS = {
    "name": lambda: [Lower("full_name")],
    "organization": lambda: [
        Lower(Coalesce("organization__name", NullIf("proposed_organization_name", Value(""))))
    ],
    "country": lambda: [_country_order()],
    "role": lambda: [_in_order_of("role", ParticipantRole.values)],
    "status": lambda: [_in_order_of("status", RegistrationStatus.values)],
    "registered": lambda: [F("created_at")],
}


def sort_keys() -> list[str]:
    return [prefix + key for key in SORTS for prefix in ("", "-")]


def _sorted(registrations, sort: str):
    """By a key of SORTS (descending with "-" in front), then in the order of registration; an unknown
    key keeps the order of registration. Rows without a value (no organization) come last either way."""
    key = sort.removeprefix("-")
    if key not in SORTS:
        return registrations.order_by("created_at", "pk")
    descending = sort.startswith("-")
    terms = [term.desc(nulls_last=True) if descending else term.asc(nulls_last=True) for term in SORTS[key]()]
    return registrations.order_by(*terms, "created_at", "pk")


def filtered_registrations(conference, filters: dict):
    """The organizers' list with the filters of RegistrationFilterForm applied (each optional), sorted
    by its `sort` (see SORTS)."""
    registrations = conference.registrations.select_related("organization", "delegation__organization")
    if filters.get("q"):
        text = filters["q"].replace("\x00", "").strip()
        registrations = registrations.filter(
            Q(full_name__icontains=text)
            | Q(email__icontains=text)
            | Q(organization__name__icontains=text)
            | Q(proposed_organization_name__icontains=text)
        )
    for name in ("status", "role", "country", "organization", "delegation"):
        if filters.get(name):
            registrations = registrations.filter(**{name: filters[name]})
    if filters.get("continent"):
        registrations = registrations.filter(country__in=countries_of(filters["continent"]))
    if filters.get("kind"):
        registrations = registrations.filter(
            Q(organization__kind=filters["kind"])
            | Q(organization__isnull=True, proposed_organization_kind=filters["kind"])
        )
    return _sorted(registrations, filters.get("sort") or "")


def registration_for_team(conference, pk: int):
    """One registration of the conference with everything its page for the team shows, or 404."""
    registrations = conference.registrations.select_related(
        "organization", "delegation__organization", "invitation__campaign", "user"
    )
    return get_object_or_404(registrations, pk=pk)


# Fields whose changes the history of a registration leaves out: the hidden bookkeeping, and what only
# the team members who may see sensitive data see (registrations.permissions.may_see_sensitive).
SENSITIVE_FIELDS = ("accessibility_needs",)


def registration_history(registration, *, sensitive: bool) -> list[HistoryEntry]:
    """Who changed what of the registration and when, field by field, newest first. Changes to the
    sensitive fields only with `sensitive`; a change of nothing else is left out."""
    records = registration.history.select_related("history_user")
    excluded = () if sensitive else SENSITIVE_FIELDS
    entries = history_entries(
        list(records), lambda record: record.get_status_display(), excluded_fields=excluded
    )
    return entries[::-1]


def status_counts(conference) -> dict[str, int]:
    counted = dict(conference.registrations.values_list("status").annotate(count=Count("pk")))
    return {status: counted.get(status, 0) for status in RegistrationStatus.values}


@dataclass
class Participation:
    total: int = 0
    # (name, count), largest first; then "Other countries" for those below the threshold
    by_continent: list[tuple[str, int]] = field(default_factory=list)
    by_country: list[tuple[str, str, int]] = field(default_factory=list)  # (code, name, count), threshold met
    by_kind: list[tuple[str, int, int]] = field(default_factory=list)  # (kind, participants, organizations)
    countries: int = 0
    continents: int = 0
    public_names: list[tuple[str, str]] = field(default_factory=list)  # (name, country name), consented only
    threshold: int = 1
    other_countries: int = 0  # participants from the countries below the threshold, together
    small_countries: list[tuple[str, str]] = field(default_factory=list)  # (code, name) of those, if named
    organizations: int = 0  # the organizations that confirmed participants came for
    organization_countries: int = 0

    @property
    def organization_sentence(self) -> str:
        """ "48 organizations from 26 countries", beside the people."""
        organizations = ngettext("%(count)d organization", "%(count)d organizations", self.organizations) % {
            "count": self.organizations
        }
        countries_part = ngettext("%(count)d country", "%(count)d countries", self.organization_countries) % {
            "count": self.organization_countries
        }
        return _("%(organizations)s from %(countries)s") % {
            "organizations": organizations,
            "countries": countries_part,
        }

    @property
    def sentence(self) -> str:
        """The line for the press: "Participants from 26 countries on 5 continents"."""
        if not self.total:
            return _("No confirmed participants yet.")
        country_part = ngettext("%(count)d country", "%(count)d countries", self.countries) % {
            "count": self.countries
        }
        continent_part = ngettext("%(count)d continent", "%(count)d continents", self.continents) % {
            "count": self.continents
        }
        return _("Participants from %(countries)s on %(continents)s") % {
            "countries": country_part, "continents": continent_part,
        }  # fmt: skip

    @property
    def small_country_names(self) -> str:
        return ", ".join(name for _code, name in self.small_countries)

    @property
    def largest_continent(self) -> int:
        return max((count for _name, count in self.by_continent), default=0)


def organizations_taking_part(confirmed) -> tuple[int, int, Counter]:
    """(organizations, their countries, organizations by kind) among confirmed registrations: a directory
    entry once, and a typed name (not in the directory) once per name and country."""
    entries = set(
        confirmed.filter(organization__isnull=False).values_list(
            "organization_id", "organization__kind", "organization__country"
        )
    )
    typed = {
        (normalize_name(name), kind or OrganizationKind.ORGANIZATION, country)
        for name, kind, country in confirmed.filter(organization__isnull=True)
        .exclude(proposed_organization_name="")
        .values_list("proposed_organization_name", "proposed_organization_kind", "country")
    }
    everyone = [*entries, *typed]
    return (
        len(everyone),
        len({country for _key, _kind, country in everyone if country}),
        Counter(kind for _key, kind, _country in everyone),
    )


def participation(conference) -> Participation:
    """Confirmed participants by continent, country and kind of organization: counts, never names
    unless the person ticked that their name may appear.

    A country with fewer participants than the conference's threshold could point at a person: its
    number is never given. Those countries are counted together as "Other countries", and left out of
    their continents' totals (else a continent's total minus its countries would give their number);
    they are named, without numbers, only when there are at least two of them, since the total minus
    the rest gives the other countries' sum.
    """
    confirmed = conference.registrations.filter(status=RegistrationStatus.CONFIRMED)
    by_country = Counter(dict(confirmed.values_list("country").annotate(count=Count("pk"))))
    threshold = conference.participation_threshold
    shown = {code: count for code, count in by_country.items() if count >= threshold}
    small = sorted(
        ((code, countries.name(code)) for code in by_country if code not in shown), key=lambda row: row[1]
    )
    by_continent = Counter()
    for code, count in shown.items():
        by_continent[continent_of(code)] += count
    other = sum(by_country.values()) - sum(shown.values())
    continent_names = dict(Continent.choices)
    kinds = dict(OrganizationKind.choices)
    # A typed organization not (yet) in the directory counts by the kind the participant gave.
    kind = Coalesce("organization__kind", NullIf("proposed_organization_kind", Value("")))
    by_kind = confirmed.values_list(kind).annotate(count=Count("pk")).order_by("-count")
    organizations, organization_countries, organization_kinds = organizations_taking_part(confirmed)
    return Participation(
        organizations=organizations,
        organization_countries=organization_countries,
        total=sum(by_country.values()),
        by_continent=[
            (str(continent_names.get(code, _("Elsewhere"))), count)
            for code, count in by_continent.most_common()
        ]
        + ([(_("Other countries"), other)] if other else []),
        by_country=sorted(
            ((code, countries.name(code), count) for code, count in shown.items()),
            key=lambda row: (-row[2], row[1]),
        ),
        threshold=threshold,
        other_countries=other,
        small_countries=small if len(small) >= 2 else [],
        by_kind=[
            (str(kinds.get(kind, _("Individuals"))), count, organization_kinds.get(kind, 0))
            for kind, count in by_kind
        ],
        countries=len(by_country),
        continents=len({continent_of(code) for code in by_country} - {None, ""}),
        public_names=[
            (name, countries.name(code))
            for name, code in confirmed.filter(public_name=True)
            .order_by("full_name")
            .values_list("full_name", "country")
        ],
    )


def delegations_with_counts(conference) -> list:
    """The conference's delegations, each with its delegates counted by status."""
    active = Q(delegates__status=RegistrationStatus.CONFIRMED)
    return list(
        conference.delegations.select_related("organization")
        .annotate(
            confirmed=Count("delegates", filter=active),
            waitlisted=Count("delegates", filter=Q(delegates__status=RegistrationStatus.WAITLISTED)),
            pending=Count("delegates", filter=Q(delegates__status=RegistrationStatus.PENDING)),
        )
        .order_by("organization__name", "pk")
    )
