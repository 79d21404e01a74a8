"""Every list route answers in the same number of queries at two sizes (literal numbers)."""

import pytest
from django.test import Client

from events.enums import TeamRole
from proceedings.enums import DocumentStatus
from proceedings.models import Document
from tests.api.conftest import bearer, make_declaration, make_program
from tests.factories import (
    CampaignFactory,
    CampaignMessageFactory,
    ConferenceFactory,
    ConferenceOrganizerFactory,
    InvitationFactory,
    MeetingFactory,
    MembershipFactory,
    RegistrationFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

# The token's lookup and its membership: 2; the list: 1 or 2 (the conference's lookup, the page).
LISTS = {
    "/api/v1/conferences": 3,
    "/api/v1/conferences/ours/rooms": 3,
    "/api/v1/conferences/ours/tracks": 3,
    "/api/v1/conferences/ours/sessions": 4,  # and their people
    "/api/v1/conferences/ours/registrations": 3,
    "/api/v1/public/conferences/ours/program": 3,
    "/api/v1/conferences/ours/campaigns": 4,  # and their messages
    "/api/v1/conferences/ours/invitations": 3,
    "/api/v1/conferences/ours/meetings": 3,
    "/api/v1/conferences/ours/co-organizers": 3,
    "/api/v1/conferences/ours/documents": 3,
    "/api/v1/conferences/ours/declarations": 6,  # and their versions, translations, amendments
    "/api/v1/conferences/ours/statements": 3,
    "/api/v1/organizations": 3,
    "/api/v1/public/conferences/ours/declarations": 5,
    "/api/v1/public/conferences/ours/documents": 3,
}


def grow(world, size: int) -> None:
    organizer = world.conference.memberships.get(role=TeamRole.ORGANIZER).user
    for number in range(size):
        make_program(world.conference, count=3, label=f" {size}-{number}")
        MembershipFactory(conference=ConferenceFactory(), user=organizer, role=TeamRole.VIEWER)
    RegistrationFactory.create_batch(size * 3, conference=world.conference)
    for number in range(size):
        MeetingFactory(conference=world.conference)
        ConferenceOrganizerFactory(conference=world.conference)
        StatementFactory(conference=world.conference, published_on=world.conference.starts_on)
        declaration = make_declaration(world.conference)
        declaration.is_published = True
        declaration.save()
        Document.objects.create(conference=world.conference, title=f"Report {number}", authors="Ana Lima",
                                language="en", status=DocumentStatus.PUBLISHED)  # fmt: skip
    for campaign in CampaignFactory.create_batch(size, conference=world.conference):
        CampaignMessageFactory(campaign=campaign)
        InvitationFactory(conference=world.conference, campaign=campaign)


@pytest.mark.parametrize("size", [2, 20])
@pytest.mark.parametrize("path", LISTS)
def test_a_list_costs_the_same_queries_at_two_sizes(world, path, size, django_assert_num_queries):
    grow(world, size)
    client = Client()
    client.get("/api/v1/me", **bearer(world.tokens["organizer"]))  # the token's last use, written once

    with django_assert_num_queries(LISTS[path]):
        response = client.get(path, {"limit": 500}, **bearer(world.tokens["organizer"]))

    assert response.status_code == 200
    items = response.json() if isinstance(response.json(), list) else response.json()["items"]
    assert len(items) >= size
