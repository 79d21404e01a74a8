"""The team's news of registrations (see events.news): new ones, cancellations, moves on the waiting list,
and registrations forgotten at their person's request, beside the answers to invitations.

The daily digest reads them from the registrations' history rows, which django-simple-history writes in
the same transaction as every save: a change made anywhere (the form, the personal link, the
organizers' list, an import, a delegation, the admin) is told without each path having to record it,
and no table of its own has to be kept. A registration forgotten at its person's request has no
history any more (it would keep the name): it is counted by its `forgotten_at`, without a name."""

from datetime import datetime

from django.utils import timezone

from events.enums import NewsKind
from events.models import Conference
from events.news import NewsItem, answers_between, history_pairs
from registrations.enums import RegistrationStatus
from registrations.models import Registration


def item_for(registration: Registration, kind: str, *, at: datetime | None = None) -> NewsItem:
    """A registration (or one of its history rows) as news: who and from where, and for a new one where
    it stands (a seat, the waiting list, waiting for approval)."""
    if kind == NewsKind.FORGOTTEN:
        return NewsItem(kind=kind, at=at or registration.forgotten_at or timezone.now())
    return NewsItem(
        kind=kind,
        at=at or timezone.now(),
        name=registration.full_name,
        organization=(
            registration.organization.name
            if registration.organization_id
            else registration.proposed_organization_name
        ),
        country=registration.country or None,
        status=RegistrationStatus(registration.status).label if kind == NewsKind.REGISTERED else "",
    )


def change_kind(before, after) -> str | None:
    """What a save of a registration means to the team, from its state before and after; None when it is
    nothing they are told of (a changed name, an approval or a refusal they gave themselves)."""
    if before is None:
        return NewsKind.REGISTERED if after.history_type == "+" else None
    if before.status == after.status:
        return None
    if after.status == RegistrationStatus.CANCELLED:
        return NewsKind.CANCELLED
    if before.status == RegistrationStatus.WAITLISTED and after.status == RegistrationStatus.CONFIRMED:
        return NewsKind.PROMOTED
    if after.status == RegistrationStatus.WAITLISTED and before.status == RegistrationStatus.CONFIRMED:
        return NewsKind.WAITLISTED
    return None


def registrations_between(conference: Conference, *, since: datetime, until: datetime) -> list[NewsItem]:
    """The conference's registrations made, cancelled or moved on the waiting list after `since` and up
    to `until`: each history row compared with the one before it."""
    items = []
    for previous, row in history_pairs(Registration, conference, since=since, until=until):
        kind = change_kind(previous, row) if row.history_date > since else None
        if kind is not None:
            items.append(item_for(row, kind, at=row.history_date))
    forgotten = conference.registrations.filter(forgotten_at__gt=since, forgotten_at__lte=until)
    items += [item_for(registration, NewsKind.FORGOTTEN) for registration in forgotten]
    return items


def news_between(conference: Conference, *, since: datetime, until: datetime) -> list[NewsItem]:
    """Everything the team is told of from `since` to `until`, in the order it happened."""
    items = registrations_between(conference, since=since, until=until)
    items += answers_between(conference, since=since, until=until)
    return sorted(items, key=lambda item: item.at)
