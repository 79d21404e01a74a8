"""The co-organizers page of the organizers' workspace."""

import pytest
from django.urls import reverse

from events.enums import TeamRole
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(sign_in_team):
    return sign_in_team(TeamRole.OWNER, conference__timezone="Asia/Tokyo")


def test_a_new_co_organizer_named_like_a_directory_entry_is_a_form_error_not_a_crash(client, owner):
    OrganizationFactory(name="Party A", country="DE")

    response = client.post(
        reverse("events:manage-co-organizer-add", kwargs={"slug": owner.conference.slug}),
        {"new_name": "party  a.", "new_kind": "party", "new_country": "DE"},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["new_name"]
