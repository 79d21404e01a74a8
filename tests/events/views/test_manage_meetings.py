"""The preparatory meetings of the organizers' workspace."""

import pytest
from django.urls import reverse

from events.enums import TeamRole
from outbox.models import OutboxMessage
from tests.factories import MeetingFactory

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


def test_the_organizer_picks_the_language_of_an_invitee_s_mails_offered_the_conference_s_first(client, owner):
    conference = owner.conference
    conference.working_languages = ["de", "fa", "en"]
    conference.save()
    meeting = MeetingFactory(conference=conference)
    detail = reverse("events:manage-meeting-detail", kwargs={"slug": conference.slug, "pk": meeting.pk})
    add = reverse("events:manage-meeting-participant-add", kwargs={"slug": conference.slug, "pk": meeting.pk})

    offered = client.get(detail).context["participant_form"]["language"].value()
    client.post(add, {"name": "Layla", "email": "layla@example.org", "language": "ar"})
    refused = client.post(add, {"name": "Hans", "email": "hans@example.org", "language": "de"})

    assert offered == "fa"
    assert list(meeting.participants.values_list("email", "language")) == [("layla@example.org", "ar")]
    assert refused.status_code == 200
    assert OutboxMessage.objects.get().language == "ar"
    assert "mails in Arabic" in client.get(detail).content.decode()
