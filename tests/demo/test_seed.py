from datetime import UTC, date, datetime
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from accounts.models import User
from demo import conference as demo
from events.enums import ConferenceStatus
from events.models import (
    Campaign,
    CampaignMessage,
    CampaignRecipient,
    Conference,
    ConferenceMembership,
    MeetingParticipant,
    Organization,
    PreparatoryMeeting,
)
from events.services.campaigns import check_message, preview
from registrations.selectors import participation

pytestmark = pytest.mark.django_db


def snapshot() -> list:
    return [
        list(Conference.objects.values_list("slug", "title", "starts_on", "ends_on", "timezone", "status")),
        list(User.objects.values_list("email", "full_name", "password")),
        list(EmailAddress.objects.values_list("email", "verified", "primary")),
        list(Organization.objects.values_list("name", "kind", "country").order_by("name")),
        list(
            ConferenceMembership.objects.values_list("conference__slug", "user__email", "role").order_by("pk")
        ),
        list(PreparatoryMeeting.objects.values_list("title", "starts_at", "uid", "sequence")),
        list(MeetingParticipant.objects.values_list("email", "attended").order_by("email")),
        list(Campaign.objects.values_list("name", "default_language")),
        list(CampaignMessage.objects.values_list("language", "subject", "body").order_by("language")),
        list(
            CampaignRecipient.objects.values_list("email", "language", "organization__name").order_by("email")
        ),
    ]


def test_seed_demo_loads_the_reference_conference():
    data = demo.seed_demo()

    assert (data.conference.starts_on, data.conference.ends_on, data.conference.is_published) == (
        date(2022, 6, 25),
        date(2022, 6, 26),
        True,
    )
    assert data.organizer.check_password(demo.DEMO_ORGANIZER_PASSWORD)
    assert [item.organization.name for item in data.conference.co_organizers.all()] == [
        "International Anti-War Platform (demo)",
        "Coordination of Workers' Organizations (demo)",
    ]
    assert data.meeting.starts_at == datetime(2022, 5, 22, 12, 0, tzinfo=UTC)
    assert "Decided" in data.meeting.decisions
    assert (data.follow_up.follows, data.follow_up.status) == (data.conference, ConferenceStatus.DRAFT)


def test_seed_demo_twice_gives_the_same_data():
    demo.seed_demo()
    first = snapshot()

    demo.seed_demo()

    assert snapshot() == first


def test_seed_demo_command_says_how_to_sign_in(capsys):
    call_command("seed_demo")

    output = capsys.readouterr().out
    assert f"email    {demo.DEMO_ORGANIZER_EMAIL}" in output
    assert f"password {demo.DEMO_ORGANIZER_PASSWORD}" in output


def test_demo_organizer_can_sign_in(client):
    demo.seed_demo()

    client.post(
        "/accounts/login/", {"login": demo.DEMO_ORGANIZER_EMAIL, "password": demo.DEMO_ORGANIZER_PASSWORD}
    )

    assert int(client.session["_auth_user_id"]) == User.objects.get(email=demo.DEMO_ORGANIZER_EMAIL).pk


def test_the_demo_campaign_previews_in_each_language_it_has_a_message_for():

    campaign = demo.ensure_campaign(demo.seed_demo().conference, User.objects.get())
    for message in campaign.messages.all():
        check_message(subject=message.subject, body=message.body)
    shown = {recipient.language: preview(campaign, recipient) for recipient in campaign.recipients.all()}

    assert shown["fr"].subject == "Invitation : International Conference against the War"
    assert shown["pt"].language == "en"  # no Portuguese message: the default one
    assert "{" not in "".join(item.body for item in shown.values())


def test_the_demo_participants_come_from_26_countries_on_5_continents():

    figures = participation(demo.seed_demo().conference)

    assert (figures.countries, figures.continents) == (26, 5)
    assert figures.sentence == "Participants from 26 countries on 5 continents"
    assert figures.total == sum(count for _country, count in demo.PARTICIPANT_COUNTRIES)


def test_seed_demo_scale_makes_a_separate_conference_and_refreshes_it():

    call_command("seed_demo", "--scale", "20", stdout=StringIO())
    call_command("seed_demo", "--scale", "20", stdout=StringIO())

    conference = Conference.objects.get(slug="scale-20")
    assert conference.registrations.count() == 100
    assert conference.registrations.values("country").distinct().count() == 60
    with pytest.raises(CommandError):
        call_command("seed_demo", "--scale", "0")


def test_the_demo_program_has_the_two_days_in_two_rooms():
    conference = demo.seed_demo().conference
    demo.seed_demo()

    sessions = conference.sessions.all()
    assert sessions.count() == len(demo.PROGRAM)
    assert {session.starts_at.astimezone(conference.zone).date() for session in sessions} == {
        conference.starts_on,
        conference.ends_on,
    }
    assert conference.rooms.count() == 2
    assert sessions.exclude(kind="break").filter(recording_url="").count() == 0
