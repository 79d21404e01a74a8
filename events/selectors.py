from datetime import date

from django.shortcuts import get_object_or_404

from events.models import Conference, ConferenceQuerySet


def published_conferences_for_home(*, today: date) -> tuple[ConferenceQuerySet, ConferenceQuerySet]:
    """The published conferences that have not ended, and those that have."""
    published = Conference.objects.published()
    return published.upcoming(today), published.past(today)


def get_public_conference(*, slug: str) -> Conference:
    """A published conference, or 404: drafts are not revealed to the public."""
    return get_object_or_404(Conference.objects.published(), slug=slug)
