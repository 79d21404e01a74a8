"""What every route shares: problem documents, ETags and If-Match, cursors, the session with CSRF,
and the rate limit per token."""

import pytest
from django.test import Client

from program.models import Session
from tests.api.conftest import bearer, make_program
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

SESSION = "/api/v1/conferences/ours/sessions/{pk}"


def test_an_invalid_body_is_a_problem_naming_each_field(world):
    response = Client().post(
        "/api/v1/conferences/ours/sessions",
        {"title": "", "starts_at": "2027-05-01T09:00:00", "ends_at": "tomorrow"},
        content_type="application/json", **bearer(world.tokens["organizer"]),
    )  # fmt: skip

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert (
        problem["type"] == "urn:zimmerwald:problem:validation"
        and problem["status"] == 422
        and problem["title"]
    )
    assert {error["field"] for error in problem["errors"]} == {"title", "starts_at", "ends_at"}


def test_a_rule_of_the_service_is_a_problem_naming_its_field(world):
    session = world.session
    response = Client().patch(
        SESSION.format(pk=session.pk),
        {"ends_at": session.starts_at.isoformat()},
        content_type="application/json", **bearer(world.tokens["organizer"]),
    )  # fmt: skip

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] in {"ends_at", ""}


def test_null_for_a_field_that_cannot_be_empty_is_refused_by_name(world):
    response = Client().patch(
        SESSION.format(pk=world.session.pk), {"title": None, "room_id": None},
        content_type="application/json", **bearer(world.tokens["organizer"]),
    )  # fmt: skip

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["title"]
    assert Session.objects.get(pk=world.session.pk).room_id == world.room.pk


def test_a_read_carries_an_etag_and_a_304_answers_the_same_version(world):
    client = Client()
    url = SESSION.format(pk=world.session.pk)
    first = client.get(url, **bearer(world.tokens["viewer"]))

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], **bearer(world.tokens["viewer"]))

    assert first.status_code == 200 and first["ETag"].startswith('"')
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == first["ETag"]


def test_two_clients_that_read_the_same_version_cannot_both_write_over_it(world):
    client = Client()
    url = SESSION.format(pk=world.session.pk)
    etag = client.get(url, **bearer(world.tokens["organizer"]))["ETag"]

    first = client.patch(url, {"title": "Plenary on housing"}, content_type="application/json",
                         HTTP_IF_MATCH=etag, **bearer(world.tokens["organizer"]))  # fmt: skip
    second = client.patch(url, {"title": "Plenary on water"}, content_type="application/json",
                          HTTP_IF_MATCH=etag, **bearer(world.tokens["organizer"]))  # fmt: skip

    assert first.status_code == 200
    assert second.status_code == 412 and second.json()["type"] == "urn:zimmerwald:problem:stale"
    assert Session.objects.get(pk=world.session.pk).title == "Plenary on housing"
    assert client.get(url, **bearer(world.tokens["organizer"]))["ETag"] != etag


def test_a_cursor_walks_the_whole_list_once_even_when_rows_are_added_meanwhile(world):
    make_program(world.conference, count=7, label=" 2")
    client = Client()
    seen, cursor = [], None
    for page_number in range(10):
        query = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/conferences/ours/sessions", query, **bearer(world.tokens["viewer"])).json()
        seen += [item["id"] for item in page["items"]]
        if page_number == 0:  # a session added before the cursor's place is not seen, none is seen twice
            make_program(world.conference, count=1, label=" 3")
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 8
    assert seen == sorted(seen, key=lambda pk: (Session.objects.get(pk=pk).starts_at, pk))


@pytest.mark.parametrize("cursor", ["nonsense", "W10", "WyJ4IiwgMV0", "%00", "a" * 300])
def test_a_cursor_the_api_did_not_give_is_a_problem_not_an_error(world, cursor):
    response = Client().get(
        "/api/v1/conferences/ours/registrations", {"cursor": cursor}, **bearer(world.tokens["viewer"])
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "cursor"


def test_the_registration_list_takes_the_pages_filters(world):
    RegistrationFactory(conference=world.conference, full_name="Zeynep Kaya", country="TR")
    client = Client()

    by_country = client.get("/api/v1/conferences/ours/registrations", {"country": "TR"},
                            **bearer(world.tokens["viewer"])).json()  # fmt: skip
    by_text = client.get("/api/v1/conferences/ours/registrations", {"q": "zeynep"},
                         **bearer(world.tokens["viewer"])).json()  # fmt: skip

    assert [item["full_name"] for item in by_country["items"]] == ["Zeynep Kaya"]
    assert [item["full_name"] for item in by_text["items"]] == ["Zeynep Kaya"]


def test_the_sites_own_session_reads_and_writes_only_with_its_csrf_token(world):
    organizer = world.conference.memberships.get(role="organizer").user
    client = Client(enforce_csrf_checks=True)
    client.force_login(organizer)
    url = SESSION.format(pk=world.session.pk)

    assert client.get(url).status_code == 200
    refused = client.patch(url, {"title": "Forged"}, content_type="application/json")
    client.get("/accounts/api-tokens/")  # any page with a form sets the CSRF cookie
    allowed = client.patch(url, {"title": "Renamed"}, content_type="application/json",
                           HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)  # fmt: skip

    assert refused.status_code == 403
    assert allowed.status_code == 200
    assert Session.objects.get(pk=world.session.pk).title == "Renamed"


def test_each_token_has_its_own_rate_limit(world, settings):
    settings.RATELIMIT_ENABLE = True
    settings.API_RATE_LIMIT = "3/min"
    client = Client()

    answers = [client.get("/api/v1/me", **bearer(world.tokens["viewer"])).status_code for _ in range(4)]
    other = client.get("/api/v1/me", **bearer(world.tokens["organizer"]))

    assert answers == [200, 200, 200, 429]
    assert other.status_code == 200
    limited = client.get("/api/v1/me", **bearer(world.tokens["viewer"]))
    assert limited["Content-Type"] == "application/problem+json" and limited.json()["status"] == 429
    assert (
        limited.json()["type"] == "urn:zimmerwald:problem:rate-limited" and int(limited["Retry-After"]) >= 1
    )
