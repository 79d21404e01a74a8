"""The team's news: what the mails to a conference's team tell of, one item for each thing that happened
(a registration, a cancellation, a move on the waiting list, an answer to an invitation).

The items of registrations are made by the registrations app, which sits above this one; the answers
to invitations are made here. The daily digest reads them from the models' history (django-simple-history
writes a row in the same transaction as every save), so that a change made anywhere, the admin included,
is told; a mail for each is queued by the service that makes the change."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time

from django.utils import timezone
from django_countries.fields import Country

from events.enums import InvitationAnswer, NewsKind
from events.models import Conference, Invitation

# The daily digest goes out at the first sweep after this hour in the conference's time zone.
DIGEST_TIME = time(7, 0)


@dataclass(frozen=True)
class NewsItem:
    """One thing that happened. Labels are lazy, so that each reader gets them in their own language."""

    kind: str  # a NewsKind
    at: datetime
    name: str = ""  # the registrant's or invitee's; none for a registration forgotten at its person's request
    organization: str = ""
    country: Country | None = None
    status: str = ""  # a new registration's status, or the invitation's answer
    message: str = ""  # the message that came with an answer

    @property
    def quoted_message(self) -> str:
        """The message as a mail quotes it under its line: each of its lines indented."""
        return "\n  ".join(line.strip() for line in self.message.strip().splitlines() if line.strip())


def answer_item(invitation: Invitation, *, at: datetime | None = None) -> NewsItem:
    """An invitation's answer as news: the invitee (the team may see who), the answer and its message."""
    return NewsItem(
        kind=NewsKind.ANSWERED,
        at=at or invitation.answered_at or timezone.now(),
        name=invitation.name or invitation.email,
        organization=invitation.organization.name if invitation.organization_id else "",
        country=invitation.country or None,
        status=InvitationAnswer(invitation.answer).label,
        message=invitation.answer_message,
    )


def history_pairs(model, conference: Conference, *, since: datetime, until: datetime) -> Iterator[tuple]:
    """(the row before, the row) for each history row, up to `until`, of the conference's objects of
    `model` that changed after `since`; the row before may be older than `since`, or None for a creation."""
    history = model.history.model
    changed = history.objects.filter(
        conference_id=conference.pk, history_date__gt=since, history_date__lte=until
    ).values("id")
    rows = (
        history.objects.filter(id__in=changed, history_date__lte=until)
        .select_related("organization")
        .order_by("id", "history_date", "history_id")
    )
    before = {}
    for row in rows:
        previous, before[row.id] = before.get(row.id), row
        yield previous, row


def answers_between(conference: Conference, *, since: datetime, until: datetime) -> list[NewsItem]:
    """The invitations answered after `since` and up to `until`, answering again included, from their
    history rows."""
    items = []
    for previous, row in history_pairs(Invitation, conference, since=since, until=until):
        if row.history_date <= since or row.answer == InvitationAnswer.PENDING or row.answered_at is None:
            continue
        if previous is not None and previous.answered_at == row.answered_at:
            continue  # saved again (a new name, say), not answered again
        items.append(answer_item(row, at=row.history_date))
    return sorted(items, key=lambda item: item.at)
