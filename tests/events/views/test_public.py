from datetime import UTC, date, datetime, time, timedelta

import pytest

from events.enums import ConferenceFormat, ConferenceStatus, TeamRole
from events.models import ConferenceOrganizer
from proceedings.models import Statement
from program.services import create_session
from tests.factories import ConferenceFactory, MembershipFactory, OrganizationFactory, UserFactory
from tests.program.test_program import at

pytestmark = pytest.mark.django_db


def test_draft_is_shown_to_its_team_with_a_banner(client):
    membership = MembershipFactory(role=TeamRole.VIEWER, conference__status=ConferenceStatus.DRAFT)
    client.force_login(membership.user)

    response = client.get(membership.conference.get_absolute_url())

    assert response.status_code == 200
    assert "Draft: only the organizing team sees this page." in response.content.decode()


def test_draft_is_not_found_for_a_signed_in_outsider(client):
    draft = ConferenceFactory(status=ConferenceStatus.DRAFT)
    client.force_login(UserFactory())

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_public_page_names_the_co_organizers_in_order_and_sanitizes_the_description(client):
    conference = ConferenceFactory(description="**Two days** of work <script>alert(1)</script>")
    for position, name in [(1, "Second body"), (0, "First body")]:
        organization = OrganizationFactory(name=name, country="IT")
        ConferenceOrganizer.objects.create(
            conference=conference, organization=organization, position=position
        )

    page = client.get(conference.get_absolute_url()).content.decode()

    assert page.index("First body</bdi> (Italy)") < page.index("Second body</bdi> (Italy)")
    assert "<strong>Two days</strong>" in page
    assert "<script>alert" not in page


def test_the_conference_page_gives_no_meeting_link_only_the_way_to_the_join_page(client):
    conference = ConferenceFactory(
        format=ConferenceFormat.HYBRID, online_link="https://meet.example.org/secret-room"
    )
    membership = MembershipFactory(conference=conference)

    public_page = client.get(conference.get_absolute_url()).content.decode()
    client.force_login(membership.user)
    team_page = client.get(conference.get_absolute_url()).content.decode()

    assert "secret-room" not in public_page and "secret-room" not in team_page
    assert f"/me/online/{conference.slug}/" not in public_page
    assert f"/me/online/{conference.slug}/" in team_page


def test_series_links_previous_and_next_public_conferences(client):
    first = ConferenceFactory(title="First conference")
    second = ConferenceFactory(title="Second conference", follows=first)
    ConferenceFactory(title="Draft third", follows=second, status=ConferenceStatus.DRAFT)

    first_page = client.get(first.get_absolute_url()).content.decode()
    second_page = client.get(second.get_absolute_url()).content.decode()

    second_title, first_title = (
        f'<bdi lang="en" dir="ltr">{name} conference</bdi>' for name in ("Second", "First")
    )
    assert f'<a href="{second.get_absolute_url()}" rel="next">{second_title}</a>' in first_page
    assert f'<a href="{first.get_absolute_url()}" rel="prev">{first_title}</a>' in second_page
    assert "Draft third" not in second_page


def test_registration_times_in_the_conference_zone_and_the_viewers(client):

    conference = ConferenceFactory(
        timezone="Europe/Istanbul", registration_opens_at=datetime(2022, 6, 1, 9, 0, tzinfo=UTC)
    )
    client.force_login(UserFactory(timezone="America/Sao_Paulo"))

    page = client.get(conference.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'June 1, 2022, noon</time> <span class="zone">(Europe/Istanbul)</span>' in page
    assert "June 1, 2022, 6 a.m. your time (America/Sao_Paulo)" in page


@pytest.mark.parametrize("count", [1, 8])
def test_conference_page_query_count_does_not_grow_with_co_organizers_statements_or_recordings(
    client, django_assert_num_queries, count
):

    conference = ConferenceFactory()
    for position in range(count):
        ConferenceOrganizer.objects.create(
            conference=conference, organization=OrganizationFactory(), position=position
        )
        published = {"body": "B", "published_on": date(2020, 1, 1)}
        original = Statement.objects.create(
            conference=conference, title=f"S{position}", language="en", **published
        )
        Statement.objects.create(
            conference=conference, title=f"T{position}", language="fr", translation_of=original, **published
        )
        create_session(
            conference, title=f"Talk {position}", recording_url="https://video.example.org/1",
            starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 10),
        )  # fmt: skip

    # conference, co-organizers, next in the series, statements, declarations?, documents?, recordings
    with django_assert_num_queries(7):
        client.get(conference.get_absolute_url())


def register_button(page: str, conference) -> bool:
    return f'<a class="button" href="/c/{conference.slug}/register/">Register</a>' in page


def registration_state(page: str) -> str:
    """The sentence that stands where the Register button would be, or "" when there is none."""
    start = page.find('<p class="registration-state">')
    return page[start:].split(">", 1)[1].split("</p>", 1)[0] if start >= 0 else ""


def test_register_button_is_shown_while_registration_is_open(client):
    conference = ConferenceFactory()

    page = client.get(conference.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert register_button(page, conference)
    assert registration_state(page) == ""


def test_a_conference_that_is_over_shows_no_register_button_but_when_registration_closed(client):
    conference = ConferenceFactory(
        starts_on=date(2022, 6, 25), ends_on=date(2022, 6, 26),
        registration_closes_at=datetime(2022, 6, 24, 15, 0, tzinfo=UTC),
    )  # fmt: skip

    page = client.get(conference.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert not register_button(page, conference)
    assert registration_state(page) == "Registration closed on June 24, 2022, 6 p.m."


def test_before_registration_opens_the_page_says_when_it_opens(client):
    conference = ConferenceFactory(
        starts_on=date.today() + timedelta(days=60),
        registration_opens_at=datetime.combine(date.today() + timedelta(days=10), time(9), tzinfo=UTC),
    )

    page = client.get(conference.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert not register_button(page, conference)
    assert registration_state(page).startswith("Registration opens on ")


def test_an_archived_conference_says_registration_is_closed(client):
    conference = ConferenceFactory(status=ConferenceStatus.ARCHIVED)

    page = client.get(conference.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert not register_button(page, conference)
    assert registration_state(page) == "This conference is archived: registration is closed."
