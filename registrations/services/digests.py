"""The team's daily digest: each member who chose it (TeamNews.DAILY, the default) gets, once a day at
events.news.DIGEST_TIME in the conference's time zone, one mail of the registrations, cancellations,
waiting-list moves and invitation answers since they were last told; nothing when nothing happened.

The beat sweep runs every minute (registrations.tasks). Each member's digest is decided under a lock on
their membership row, taken with SKIP LOCKED: two sweeps at once (beat and `run_schedule`, a slow run and
the next) never both send it, and the mail's idempotency key (member and day) stops a second one anyway.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events import notifications as team_notifications
from events.enums import ConferenceStatus, TeamNews
from events.models import Conference, ConferenceMembership
from events.news import DIGEST_TIME
from registrations.news import news_between

# A digest told at one morning's hour is due again a day later (23 hours across a change to summer
# time): members told more recently than this are not even looked at by the sweep.
NOT_DUE_FOR = timedelta(hours=22)


def digest_due_at(conference: Conference, *, now: datetime) -> datetime:
    """The latest DIGEST_TIME in the conference's time zone at or before `now`: the end of the digest due."""
    today = timezone.localtime(now, conference.zone).date()
    due = datetime.combine(today, DIGEST_TIME, tzinfo=conference.zone)
    return (
        due
        if due <= now
        else datetime.combine(today - timedelta(days=1), DIGEST_TIME, tzinfo=conference.zone)
    )


@transaction.atomic
def send_digest(membership_id: int, *, now: datetime | None = None) -> int:
    """Tell the member what happened since they were last told, up to this morning's hour; returns how
    many things it told. 0, sending nothing, when nothing happened, when the member was told already or
    chose otherwise, or when another sweep holds the membership. A member never told before (new on the
    team) starts from this morning's hour, and gets a first digest the next morning."""
    now = now or timezone.now()
    membership = (
        ConferenceMembership.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("conference", "user")
        .filter(pk=membership_id, news=TeamNews.DAILY)
        .first()
    )
    if membership is None:
        return 0
    until = digest_due_at(membership.conference, now=now)
    since = membership.news_told_until
    if since is not None and since >= until:
        return 0
    items = []
    if since is not None:
        items = news_between(membership.conference, since=since, until=until)
        if items and membership.user.is_active:
            team_notifications.send_team_digest(membership, items, since=since, until=until)
    # A bookkeeping field, not a change of the team: no history row for the conference's history page.
    ConferenceMembership.objects.filter(pk=membership.pk).update(news_told_until=until)
    return len(items)


def send_due_digests(*, now: datetime | None = None) -> list[int]:
    """The beat sweep: send each member's digest whose hour has come. Each in its own transaction;
    returns the memberships whose digest went out."""
    now = now or timezone.now()
    candidates = (
        ConferenceMembership.objects.filter(news=TeamNews.DAILY, user__is_active=True)
        .exclude(conference__status=ConferenceStatus.ARCHIVED)
        .filter(Q(news_told_until__isnull=True) | Q(news_told_until__lte=now - NOT_DUE_FOR))
        .select_related("conference")
        .order_by("pk")
    )
    sent = []
    for membership in candidates:
        told = membership.news_told_until
        if told is not None and told >= digest_due_at(membership.conference, now=now):
            continue
        if send_digest(membership.pk, now=now):
            sent.append(membership.pk)
    return sent
