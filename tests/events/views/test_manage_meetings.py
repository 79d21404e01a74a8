"""The preparatory meetings of the organizers' workspace."""

import pytest
from django.urls import reverse

from events.enums import TeamRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(sign_in_team):
    return sign_in_team(TeamRole.OWNER, conference__timezone="Asia/Tokyo")


@pytest.mark.parametrize("moment", ["0001-01-01T05:00", "9999-12-31T23:00"])
def test_a_meeting_at_the_edge_of_the_calendar_is_a_form_error(client, owner, moment):
    response = client.post(
        reverse("events:manage-meeting-create", kwargs={"slug": owner.conference.slug}),
        {"title": "Far away", "starts_at": moment, "ends_at": moment, "status": "scheduled"},
    )

    assert response.status_code == 200
    assert "Give a date between 1900 and 2200." in response.content.decode()
    assert owner.conference.meetings.count() == 0
