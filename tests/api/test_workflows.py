"""What the README's API section walks through, with a token as curl would send it: import sessions,
send a campaign, export the registrations."""

from datetime import datetime, time, timedelta

import pytest
from django.test import Client

from events.models import Invitation
from outbox.models import OutboxMessage
from program.models import Session
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


def test_an_organizer_imports_sessions_and_a_bad_one_is_refused_by_field(world):
    client, auth = Client(), bearer(world.tokens["organizer"])
    day = datetime.combine(world.conference.starts_on, time(9), tzinfo=world.conference.zone)
    rows = [
        {"title": "Opening", "starts_at": day.isoformat(), "ends_at": (day + timedelta(hours=1)).isoformat(),
         "room_id": world.room.pk},
        {"title": "Reports", "starts_at": (day + timedelta(hours=1)).isoformat(),
         "ends_at": (day + timedelta(hours=2)).isoformat(), "track_id": world.track.pk},
        {"title": "Backwards", "starts_at": (day + timedelta(hours=3)).isoformat(),
         "ends_at": (day + timedelta(hours=2)).isoformat()},
    ]  # fmt: skip

    answers = [client.post("/api/v1/conferences/ours/sessions", row, content_type="application/json", **auth)
               for row in rows]  # fmt: skip

    assert [answer.status_code for answer in answers] == [201, 201, 422]
    assert answers[2].json()["errors"][0]["field"] == "ends_at"
    assert set(Session.objects.filter(conference=world.conference).values_list("title", flat=True)) == {
        "Session 0", "Opening", "Reports"}  # fmt: skip


def test_an_organizer_sends_a_campaign_and_the_invitations_are_listed(world):
    client, auth = Client(), bearer(world.tokens["organizer"])
    new = {"name": "First call", "default_language": "en"}
    campaign = client.post(
        "/api/v1/conferences/ours/campaigns", new, content_type="application/json", **auth
    ).json()
    base = f"/api/v1/conferences/ours/campaigns/{campaign['id']}"
    text = {"subject": "Invitation to {conference}", "body": "Dear {name},\n\nanswer here: {link}"}
    message = client.put(f"{base}/messages/en", text, content_type="application/json", **auth)
    added = client.post(f"{base}/recipients", [
        {"email": "ana@example.org", "name": "Ana Lima", "country": "BR"},
        {"email": "not an address", "name": "Nobody"},
        {"email": "sara@example.org", "name": "Sara Haddad", "country": "Lebanon", "language": "ar"},
        {"email": "ana@example.org", "name": "Ana again"},
    ], content_type="application/json", **auth).json()  # fmt: skip

    sent = client.post(f"{base}/send", **auth)
    again = client.post(f"{base}/send", **auth)
    invitations = client.get(
        "/api/v1/conferences/ours/invitations", {"campaign": campaign["id"]}, **auth
    ).json()

    assert message.status_code == 200
    assert added["added"] == 2
    assert [problem["field"] for problem in added["errors"]] == ["1"]
    assert [problem["field"] for problem in added["duplicates"]] == ["3"]
    assert sent.json() == {"invited": 2, "already_invited": 0}
    assert again.json() == {"invited": 0, "already_invited": 2}
    assert sorted(item["email"] for item in invitations["items"]) == ["ana@example.org", "sara@example.org"]
    assert Invitation.objects.filter(conference=world.conference).count() == 2
    assert OutboxMessage.objects.filter(batch=f"campaign:{campaign['id']}").count() == 2


def test_a_viewer_exports_the_registrations_page_by_page(world):
    client, auth = Client(), bearer(world.tokens["viewer"])
    client.post("/api/v1/conferences/ours/registrations", {"full_name": "X", "email": "x@example.org",
                "country": "FR"}, content_type="application/json", **auth)  # fmt: skip
    for number in range(4):
        Client().post("/api/v1/conferences/ours/registrations",
                      {"full_name": f"Person {number}", "email": f"p{number}@example.org", "country": "TR"},
                      content_type="application/json", **bearer(world.tokens["organizer"]))  # fmt: skip

    exported, cursor = [], None
    while True:
        page = client.get("/api/v1/conferences/ours/registrations",
                          {"limit": 2, **({"cursor": cursor} if cursor else {})}, **auth).json()  # fmt: skip
        exported += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            break

    assert len(exported) == 5  # the world's one and the four added; the viewer could add none
    assert {item["email"] for item in exported} >= {"p0@example.org", "p3@example.org"}


def test_a_session_is_saved_with_its_people_and_a_bad_address_names_its_row(world):
    client, auth = Client(), bearer(world.tokens["organizer"])
    day = datetime.combine(world.conference.starts_on, time(14), tzinfo=world.conference.zone)
    session = {
        "title": "Panel",
        "starts_at": day.isoformat(),
        "ends_at": (day + timedelta(hours=1)).isoformat(),
        "people": [
            {"name": "Ana Lima", "role": "chair"},
            {"name": "Sara Haddad", "email": "sara@example.org"},
        ],
    }

    made = client.post("/api/v1/conferences/ours/sessions", session, content_type="application/json", **auth)
    url = f"/api/v1/conferences/ours/sessions/{made.json()['id']}"
    refused = client.patch(url, {"people": [{"name": "X", "email": "not an address"}]},
                           content_type="application/json", **auth)  # fmt: skip
    replaced = client.patch(
        url, {"people": [{"name": "Zeynep Kaya"}]}, content_type="application/json", **auth
    )

    assert made.status_code == 201
    assert [(person["name"], person["role"]) for person in made.json()["people"]] == [
        ("Ana Lima", "chair"), ("Sara Haddad", "speaker")]  # fmt: skip
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "people.0.email"
    assert [person["name"] for person in replaced.json()["people"]] == ["Zeynep Kaya"]
    public = Client().get("/api/v1/public/conferences/ours/program").json()
    assert [person["name"] for item in public if item["title"] == "Panel" for person in item["people"]] == [
        "Zeynep Kaya"]  # fmt: skip
    assert "email" not in str(public)


def test_one_address_is_invited_once_and_a_bad_one_is_refused_by_name(world):
    client, auth = Client(), bearer(world.tokens["organizer"])
    url = "/api/v1/conferences/ours/invitations"
    body = {"email": "Sara@Example.org", "name": "Sara Haddad", "language": "ar"}

    first = client.post(url, body, content_type="application/json", **auth)
    again = client.post(url, body, content_type="application/json", **auth)
    bad = client.post(url, {"email": "not an address"}, content_type="application/json", **auth)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and first.json()["email"] == "sara@example.org"
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "email"
    assert OutboxMessage.objects.filter(recipient="sara@example.org").count() == 1
