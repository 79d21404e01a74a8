"""Every API route against every kind of caller, the way tests/test_authorization walks /manage/: the
routes come from the OpenAPI document, so a new route without an entry here fails the walk."""

import pytest
from django.test import Client

from api.v1 import api
from proceedings.models import Declaration
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

PUBLIC = {
    ("get", "/api/v1/public/conferences/{slug}/program"),
    ("get", "/api/v1/public/conferences/{slug}/declarations"),
    ("get", "/api/v1/public/conferences/{slug}/documents"),
}


def body_for(method: str, path: str, world) -> dict | None:
    """A valid body for each writing route, so that the caller's rights, not the body, decide."""
    starts = world.session.starts_at.isoformat()
    ends = world.session.ends_at.isoformat()
    bodies = {
        ("patch", "/api/v1/conferences/{slug}"): {"tagline": "New tagline"},
        ("post", "/api/v1/conferences/{slug}/rooms"): {"name": "Annex"},
        ("post", "/api/v1/conferences/{slug}/tracks"): {"name": "Workshops"},
        ("post", "/api/v1/conferences/{slug}/sessions"): {
            "title": "New", "starts_at": starts, "ends_at": ends},
        ("patch", "/api/v1/conferences/{slug}/sessions/{pk}"): {"title": "Renamed"},
        ("post", "/api/v1/conferences/{slug}/sessions/{pk}/cancel"): None,
        ("post", "/api/v1/conferences/{slug}/registrations"): {
            "full_name": "Ana Lima", "email": "ana@example.org", "country": "BR"},
        ("patch", "/api/v1/conferences/{slug}/registrations/{pk}"): {"note": "Vegetarian"},
        ("post", "/api/v1/conferences/{slug}/registrations/{pk}/approve"): None,
        ("post", "/api/v1/conferences/{slug}/registrations/{pk}/cancel"): None,
        ("post", "/api/v1/conferences/{slug}/registrations/{pk}/check-in"): {"present": True},
        ("post", "/api/v1/conferences/{slug}/campaigns"): {"name": "Second call", "default_language": "en"},
        ("put", "/api/v1/conferences/{slug}/campaigns/{pk}/messages/{language}"): {
            "subject": "Invitation", "body": "Dear {name}, answer here: {link}"},
        ("post", "/api/v1/conferences/{slug}/campaigns/{pk}/recipients"): [
            {"email": "ana@example.org", "name": "Ana Lima", "country": "BR"}],
        ("post", "/api/v1/conferences/{slug}/campaigns/{pk}/send"): None,
        ("post", "/api/v1/conferences/{slug}/invitations"): {"email": "sara@example.org", "name": "Sara"},
        ("post", "/api/v1/conferences/{slug}/declarations/{pk}/amendments/{amendment}/outcome"): {
            "outcome": "rejected", "votes_for": 2, "votes_against": 9},
    }  # fmt: skip
    return bodies[(method, path)]


def operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return [(method, path) for path, item in schema["paths"].items() for method in item]


def own_pk(path: str, world, *, other: bool = False) -> int:
    """The id a route's {pk} names: our registration, campaign or session (or the other conference's)."""
    for part, ours, theirs in [("/registrations/", world.registration, world.other_registration),
                               ("/campaigns/", world.campaign, world.other_campaign),
                               ("/declarations/", world.declaration, world.other_declaration)]:  # fmt: skip
        if part in path:
            return (theirs if other else ours).pk
    return (world.other_session if other else world.session).pk


def call(client: Client, method: str, path: str, world, secret: str, *, slug="ours", pk=None):
    pk = pk or own_pk(path, world)
    declaration = Declaration.objects.get(pk=pk) if "{amendment}" in path else None
    amendment = declaration.amendments.get().pk if declaration else 0
    url = path.replace("{slug}", slug).replace("{pk}", str(pk)).replace("{language}", "en")
    url = url.replace("{amendment}", str(amendment))
    body = body_for(method, path, world) if method != "get" else None
    kwargs = {"content_type": "application/json", "data": body} if body is not None else {}
    return getattr(client, method)(url, **kwargs, **bearer(secret))


def test_the_walk_has_a_body_for_every_writing_route(world):
    writing = [(method, path) for method, path in operations() if method != "get"]
    for method, path in writing:
        body_for(method, path, world)  # a KeyError names a route the walk does not know
    assert len(operations()) == 40


@pytest.mark.parametrize("operation", operations(), ids=lambda operation: f"{operation[0]} {operation[1]}")
def test_each_caller_gets_what_the_pages_give_them(operation, world):
    method, path = operation
    client = Client()
    reading = method == "get"
    # A confirmed registration cannot be approved: the organizer's approval is refused by the service's rule.
    approving = path.endswith("/approve")
    expected = {
        "organizer": {422} if approving else {200, 201},
        "organizer-read-only": {200} if reading else {403},
        "organizer-other-conference": {404},
        "viewer": {200} if reading else {403},
        "outsider": {404},
        "anonymous": {401},
    }  # fmt: skip
    if (method, path) in PUBLIC:
        expected = {caller: {200} for caller in expected}
    if path in {"/api/v1/me", "/api/v1/conferences"}:
        expected.update({"organizer-other-conference": {200}, "outsider": {200}})
    if path == "/api/v1/organizations":  # the directory: organizers of some conference, not a viewer only
        expected.update({"outsider": {200}, "viewer": {404}})
    for caller, statuses in expected.items():
        response = call(client, method, path, world, world.tokens[caller])
        assert response.status_code in statuses, (caller, response.status_code, response.content[:300])
        if response.status_code >= 400:
            assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("operation", [op for op in operations() if "{pk}" in op[1]],
                         ids=lambda operation: f"{operation[0]} {operation[1]}")  # fmt: skip
def test_another_conferences_rows_are_not_found_through_ours(operation, world):
    method, path = operation
    other_pk = own_pk(path, world, other=True)
    response = call(Client(), method, path, world, world.tokens["organizer"], pk=other_pk)
    assert response.status_code == 404


def test_lists_hold_only_the_callers_conferences(world):
    client = Client()
    mine = client.get("/api/v1/conferences", **bearer(world.tokens["organizer"])).json()
    narrowed = client.get("/api/v1/conferences", **bearer(world.tokens["organizer-other-conference"])).json()
    outsider = client.get("/api/v1/conferences", **bearer(world.tokens["outsider"])).json()
    assert {item["slug"] for item in mine["items"]} == {"ours", "theirs"}
    assert [item["slug"] for item in narrowed["items"]] == ["theirs"]
    assert [item["slug"] for item in outsider["items"]] == ["theirs"]
