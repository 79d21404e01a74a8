"""Meeting links are typed by organizers: an address that is not https, or not an address, is a form
error that names the field, and nothing is saved."""

import pytest
from django.urls import reverse

from events.enums import TeamRole
from program.models import InterpretationChannel, Room, Session
from tests.events.views.test_manage_conferences import edit_data
from tests.factories import RoomFactory
from tests.program.test_editor import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer(sign_in_team):
    return sign_in_team(TeamRole.ORGANIZER)


def session_create(client, conference, **data):
    return client.post(reverse("program:manage-session-create", kwargs={"slug": conference.slug}),
                       form_data(conference, **data))  # fmt: skip


@pytest.mark.parametrize("link", ["http://meet.example.org/a", "javascript:alert(1)", "meet.example.org/a b"])
def test_a_session_link_that_is_not_https_is_refused(client, organizer, link):
    response = session_create(client, organizer.conference, online_link=link)

    assert response.status_code == 400
    assert "online_link" in response.context["form"].errors
    assert not Session.objects.exists()


def test_a_session_is_saved_with_its_links_and_interpretation_channels(client, organizer):
    conference = organizer.conference
    response = session_create(
        client, conference, online_link="https://meet.example.org/s", backstage_link="https://meet.example.org/green",
        channels=[{"language": "ar", "link": "https://meet.example.org/ar"},
                  {"language": "tr", "link": "https://meet.example.org/tr"}],
    )  # fmt: skip

    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.online_link, session.backstage_link) == (
        "https://meet.example.org/s",
        "https://meet.example.org/green",
    )
    assert dict(InterpretationChannel.objects.values_list("language", "link")) == {
        "ar": "https://meet.example.org/ar", "tr": "https://meet.example.org/tr",
    }  # fmt: skip


def test_a_channel_that_is_not_https_or_twice_the_same_language_is_refused(client, organizer):
    conference = organizer.conference
    response = session_create(
        client, conference, channels=[{"language": "ar", "link": "http://meet.example.org/ar"}]
    )
    assert response.status_code == 400
    assert response.context["channels"].errors[0]["link"]

    twice = [
        {"language": "ar", "link": "https://meet.example.org/1"},
        {"language": "ar", "link": "https://meet.example.org/2"},
    ]
    assert session_create(client, conference, channels=twice).status_code == 400
    assert not Session.objects.exists() and not InterpretationChannel.objects.exists()


def test_a_room_link_that_is_not_https_is_refused(client, organizer):
    conference = organizer.conference
    room = RoomFactory(conference=conference, online_link="https://meet.example.org/hall")

    url = reverse("program:manage-room-edit", kwargs={"slug": conference.slug, "pk": room.pk})
    response = client.post(
        url, {"name": room.name, "online_link": "http://meet.example.org/hall", "backstage_link": ""}
    )

    assert response.status_code == 400
    assert Room.objects.get().online_link == "https://meet.example.org/hall"


def test_a_conference_link_that_is_not_https_is_refused(client, organizer):
    conference = organizer.conference
    url = reverse("events:manage-conference-edit", kwargs={"slug": conference.slug})

    response = client.post(url, edit_data(conference, online_link="http://meet.example.org/all"))

    assert list(response.context["form"].errors) == ["online_link"]
    for minutes in ["-5", "100000", "soon"]:
        response = client.post(url, edit_data(conference, join_opens_minutes=minutes))
        assert list(response.context["form"].errors) == ["join_opens_minutes"]
    conference.refresh_from_db()
    assert (conference.online_link, conference.join_opens_minutes) == ("", 15)
