"""The public participation figures never give a country's count below the organizers' threshold."""

import re

import pytest
from django.urls import reverse

from events.enums import TeamRole
from registrations import selectors
from tests.events.views.test_manage_conferences import edit_data
from tests.factories import ConferenceFactory, MembershipFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

# France 5, Italy 4, Brazil 3 are shown; Chile 1, Argentina 2, Japan 1 are below the threshold of 3.
PEOPLE = {"FR": 5, "IT": 4, "BR": 3, "CL": 1, "AR": 2, "JP": 1}


def conference_with(people: dict[str, int], **fields):
    conference = ConferenceFactory(**fields)
    for country, count in people.items():
        RegistrationFactory.create_batch(count, conference=conference, country=country)
    return conference


def page_and_map(client, conference) -> tuple[str, str]:
    slug = conference.slug
    page = client.get(reverse("registrations:participation-detail", kwargs={"slug": slug})).content.decode()
    svg = client.get(reverse("registrations:participation-map", kwargs={"slug": slug})).content.decode()
    return page, svg


def table_rows(page: str) -> list[tuple[str, str]]:
    section = page.split('id="by-country"')[1].split("</table>")[0]
    return re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td></tr>", section)


def test_countries_below_the_threshold_are_folded_on_the_page_chart_and_map(client):
    conference = conference_with(PEOPLE)

    page, svg = page_and_map(client, conference)

    assert table_rows(page) == [("France", "5"), ("Italy", "4"), ("Brazil", "3"), ("Other countries", "4")]
    assert re.search(r'<desc id="chart-summary">([^<]*)</desc>', page).group(1) == (
        "Europe: 9; the Americas: 3; Other countries: 4"
    )
    assert "Fewer than 3 participants each: Argentina, Chile, Japan." in page
    assert "Participants from 6 countries on 3 continents" in page
    titles = re.findall(r"<title>([^<]*)</title>", svg)
    assert sorted(titles) == [
        "Argentina: fewer than 3", "Brazil: 3", "Chile: fewer than 3", "France: 5", "Italy: 4",
        "Japan: fewer than 3",
    ]  # fmt: skip


def test_a_single_small_country_is_not_named_so_the_rest_cannot_be_subtracted(client):
    conference = conference_with({"FR": 5, "JP": 1})

    page, svg = page_and_map(client, conference)

    assert table_rows(page) == [("France", "5"), ("Other countries", "1")]
    assert ("Japan" in page, "Japan" in svg) == (False, False)


def test_the_organizers_choose_the_threshold(client):
    conference = conference_with({"FR": 2, "JP": 1}, participation_threshold=1)

    page, _svg = page_and_map(client, conference)

    assert table_rows(page) == [("France", "2"), ("Japan", "1")]
    assert selectors.participation(conference).other_countries == 0


def test_the_threshold_is_set_in_the_conference_details_and_kept_when_left_out(client):

    membership = MembershipFactory(role=TeamRole.ORGANIZER)
    conference = membership.conference
    client.force_login(membership.user)
    url = reverse("events:manage-conference-edit", kwargs={"slug": conference.slug})

    client.post(url, edit_data(conference, participation_threshold="5"))
    conference.refresh_from_db()
    chosen = conference.participation_threshold
    client.post(url, edit_data(conference))
    conference.refresh_from_db()
    refused = client.post(url, edit_data(conference, participation_threshold="0"))

    assert (chosen, conference.participation_threshold) == (5, 5)
    assert list(refused.context["form"].errors) == ["participation_threshold"]
