"""Cache-Control on every feed and export: public feeds say `public, max-age=…`, the others `private`,
and every directive is a token or token=value that caches understand."""

import re

import pytest
from django.urls import reverse

from events.enums import ConferenceStatus, TeamRole
from program.agenda import agenda_token
from program.models import Star
from program.services import create_session
from tests.factories import ConferenceFactory, MembershipFactory, UserFactory
from tests.program.test_program import at

pytestmark = pytest.mark.django_db

# RFC 9111 section 5.2: the response directives a cache knows; those with an argument take digits.
KNOWN_FLAGS = {"public", "private", "no-cache", "no-store", "no-transform", "must-revalidate",
               "proxy-revalidate", "must-understand", "immutable"}  # fmt: skip
KNOWN_SECONDS = {"max-age", "s-maxage", "stale-while-revalidate", "stale-if-error"}


def parse_cache_control(header: str) -> dict[str, str | None]:
    """Directives by name; fails on anything that is not a known token or token=seconds."""
    directives = {}
    for part in header.split(","):
        name, equals, value = part.strip().partition("=")
        if equals:
            assert name in KNOWN_SECONDS and re.fullmatch(r"[0-9]+", value), f"malformed directive {part!r}"
        else:
            assert name in KNOWN_FLAGS, f"unknown directive {part!r}"
        directives[name] = value if equals else None
    return directives


def feed_urls(conference, session) -> list[str]:
    slug = conference.slug
    return [
        reverse("program:program-ics", kwargs={"slug": slug}),
        reverse("program:schedule-json", kwargs={"slug": slug}),
        reverse("program:schedule-xml", kwargs={"slug": slug}),
        reverse("program:session-ics", kwargs={"slug": slug, "pk": session.pk}),
        reverse("registrations:participation-map", kwargs={"slug": slug}),
    ]


def _session(conference):
    return create_session(
        conference, title="Report", starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 10)
    )


def test_cache_control_public_conference_feeds_are_public(client):
    conference = ConferenceFactory()
    session = _session(conference)

    headers = {url: client.get(url)["Cache-Control"] for url in feed_urls(conference, session)}

    parsed = {url: parse_cache_control(header) for url, header in headers.items()}
    assert {url: sorted(directives) for url, directives in parsed.items()} == {
        url: ["max-age", "public"] for url in headers
    }
    assert {directives["max-age"] for directives in parsed.values()} == {"300"}


def test_cache_control_draft_conference_feeds_are_private(client):
    membership = MembershipFactory(role=TeamRole.ORGANIZER, conference__status=ConferenceStatus.DRAFT)
    session = _session(membership.conference)
    client.force_login(membership.user)

    responses = {url: client.get(url) for url in feed_urls(membership.conference, session)}

    statuses = {url: response.status_code for url, response in responses.items()}
    assert statuses == {url: 200 for url in responses}
    parsed = {url: parse_cache_control(response["Cache-Control"]) for url, response in responses.items()}
    assert {url: sorted(directives) for url, directives in parsed.items()} == {
        url: ["max-age", "private"] for url in responses
    }


def test_cache_control_personal_agenda_is_private(client):
    user = UserFactory()
    session = _session(ConferenceFactory())
    Star.objects.create(user=user, session=session)

    response = client.get(reverse("program:agenda-ics", kwargs={"token": agenda_token(user)}))

    assert response.status_code == 200
    assert parse_cache_control(response["Cache-Control"]) == {"private": None, "max-age": "300"}
