from datetime import date, timedelta

import pytest
from django.urls import reverse

from events.enums import ConferenceStatus
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


def test_home_lists_published_conferences_upcoming_and_past(client):
    today = date.today()
    soon = ConferenceFactory(title="Soon", starts_on=today + timedelta(days=3))
    later = ConferenceFactory(title="Later", starts_on=today + timedelta(days=90))
    running = ConferenceFactory(title="Running", starts_on=today - timedelta(days=1), ends_on=today)
    ended = ConferenceFactory(title="Ended", starts_on=today - timedelta(days=400))
    ended_recently = ConferenceFactory(title="Ended recently", starts_on=today - timedelta(days=40))
    ConferenceFactory(title="Secret draft", status=ConferenceStatus.DRAFT)

    response = client.get(reverse("events:conference-list"))

    assert response.status_code == 200
    assert list(response.context["upcoming"]) == [running, soon, later]
    assert list(response.context["past_page"]) == [ended_recently, ended]
    assert "Secret draft" not in response.content.decode()


def test_home_without_conferences_says_so(client):
    response = client.get(reverse("events:conference-list"))

    assert "No conference is announced yet." in response.content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_home_query_count_does_not_grow_with_conferences(client, django_assert_num_queries, count):
    ConferenceFactory.create_batch(count)
    ConferenceFactory.create_batch(count, starts_on=date.today() - timedelta(days=100))

    with django_assert_num_queries(3):  # upcoming, past count, past page
        client.get(reverse("events:conference-list"))


def test_home_pages_past_conferences_newest_first(client):
    today = date.today()
    past = [ConferenceFactory(starts_on=today - timedelta(days=10 * n + 10)) for n in range(30)]

    first = client.get(reverse("events:conference-list"))
    second = client.get(reverse("events:conference-list"), {"page": 2})

    assert list(first.context["past_page"]) == past[:24]
    assert list(second.context["past_page"]) == past[24:]
    assert '<a href="?page=2" rel="next">Older</a>' in first.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "1e9", "%00"])
def test_home_with_a_page_number_that_is_not_one_still_shows_a_page(client, page):
    ConferenceFactory(starts_on=date.today() - timedelta(days=100))

    response = client.get(reverse("events:conference-list"), {"page": page})

    assert response.status_code == 200
    assert len(response.context["past_page"]) == 1


def test_conference_page_shows_title_and_dates(client):
    conference = ConferenceFactory(
        title="Against the War", starts_on=date(2022, 6, 25), ends_on=date(2022, 6, 26)
    )

    response = client.get(conference.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1><bdi lang="en" dir="ltr">Against the War</bdi></h1>' in page
    assert (
        '<time datetime="2022-06-25">June 25, 2022</time> to <time datetime="2022-06-26">June 26, 2022</time>'
        in page
    )


def test_conference_page_of_a_draft_is_not_found(client):
    draft = ConferenceFactory(status=ConferenceStatus.DRAFT)

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 404
    assert draft.title not in response.content.decode()


def test_conference_page_of_a_draft_is_not_found_even_for_staff(client, admin_user):
    """Organizer roles arrive with the workspace; until then no one sees drafts on the public site."""
    draft = ConferenceFactory(status=ConferenceStatus.DRAFT)
    client.force_login(admin_user)

    assert client.get(draft.get_absolute_url()).status_code == 404
