"""Every URL under /manage/, walked from the URL conf: a new view without its check fails here."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from events.enums import TeamRole
from events.models import (
    Campaign,
    CampaignRecipient,
    CampaignReminder,
    ConferenceOrganizer,
    MeetingParticipant,
)
from tests.factories import (
    ConferenceFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@dataclass
class Route:
    name: str
    route: str
    callback: object


def manage_routes() -> list[Route]:
    found = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner.strip(":"))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if route.startswith("manage/"):
                    found.append(Route(f"{namespace}:{pattern.name}", route, pattern.callback))

    walk(get_resolver().url_patterns, "", "")
    return found


ROUTES = manage_routes()
CONFERENCE_ROUTES = [route for route in ROUTES if "<slug:slug>" in route.route]


def test_the_walk_finds_the_workspace():
    names = {route.name for route in ROUTES}

    assert {"events:manage-home", "events:manage-dashboard", "events:manage-team-add"} <= names
    assert len(CONFERENCE_ROUTES) >= 20


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_every_manage_view_declares_its_permission(route):
    assert getattr(route.callback, "manage_permission", None) is not None, (
        f"{route.name} ({route.route}) has no permission check: decorate it with team_required, "
        "directory_required or signed_in from events.permissions"
    )


@pytest.fixture
def two_conferences():
    """Conference A with an organizer and a viewer; conference B with objects of every kind."""
    a, b = ConferenceFactory(), ConferenceFactory()
    organizer_a = MembershipFactory(conference=a, role=TeamRole.ORGANIZER).user
    viewer_a = MembershipFactory(conference=a, role=TeamRole.VIEWER).user
    owner_b = MembershipFactory(conference=b, role=TeamRole.OWNER)
    meeting_b = MeetingFactory(conference=b)
    participant_b = MeetingParticipant.objects.create(meeting=meeting_b, name="P", email="p@example.org")
    co_organizer_b = ConferenceOrganizer.objects.create(conference=b, organization=OrganizationFactory())
    return {
        "a": a,
        "b": b,
        "organizer_a": organizer_a,
        "viewer_a": viewer_a,
        "b_objects": {
            "meeting": meeting_b.pk,
            "participant": participant_b.pk,
            "co_organizer": co_organizer_b.pk,
            "membership": owner_b.pk,
            **campaign_objects(b),
        },
    }


def campaign_objects(conference) -> dict[str, int]:
    """A campaign with a recipient and a planned reminder, by their keys in url_for()."""
    campaign = Campaign.objects.create(conference=conference, name="First call", default_language="en")
    recipient = CampaignRecipient.objects.create(
        campaign=campaign, email="r@example.org", name="R", language="en"
    )
    reminder = CampaignReminder.objects.create(campaign=campaign, due_at=timezone.now() + timedelta(days=1))
    return {"campaign": campaign.pk, "recipient": recipient.pk, "reminder": reminder.pk,
            **proceedings_objects(conference)}  # fmt: skip


def proceedings_objects(conference) -> dict[str, int]:
    """A declaration open for amendments with one amendment, a statement and a submitted document."""
    from proceedings.models import Document, Statement
    from proceedings.services import declarations
    from registrations.enums import ParticipantRole
    from tests.factories import RegistrationFactory

    declaration = declarations.create_declaration(conference, title="D", language="en", text="One.\n\nTwo.")
    declarations.set_window(declaration, opens_at=timezone.now() - timedelta(hours=1), closes_at=None)
    amendment = declarations.propose_amendment(
        declaration, registration=RegistrationFactory(conference=conference, role=ParticipantRole.DELEGATE),
        paragraph_number=1, kind="delete", text="", rationale="R",
    )  # fmt: skip
    statement = Statement.objects.create(conference=conference, title="S", body="B", language="en")
    document = Document.objects.create(conference=conference, title="Doc", authors="A", language="en")
    return {"declaration": declaration.pk, "amendment": amendment.pk, "statement": statement.pk,
            "document": document.pk}  # fmt: skip


def url_for(route: Route, slug: str, objects: dict) -> str:
    path = "/" + route.route
    path = path.replace("<slug:slug>", slug).replace("<str:language>", "en").replace("<str:extension>", "csv")
    if "campaigns/<int:pk>" in route.route:
        path = (
            path.replace("<int:pk>", str(objects["campaign"]))
            .replace("<int:recipient_pk>", str(objects["recipient"]))
            .replace("<int:reminder_pk>", str(objects["reminder"]))
        )
    elif "participant_pk" in route.route:
        path = path.replace("<int:pk>", str(objects["meeting"])).replace(
            "<int:participant_pk>", str(objects["participant"])
        )
    elif "<int:pk>" in route.route:
        # The first noun found in the route names the object (amendments live under declarations).
        nouns = ("amendment", "declaration", "statement", "document", "meeting", "co_organizer")
        key = next((noun for noun in nouns if noun.replace("_", "-") in route.route), "membership")
        path = path.replace("<int:pk>", str(objects[key]))
    assert "<" not in path, path
    return path


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("route", CONFERENCE_ROUTES, ids=lambda route: route.name)
def test_anonymous_is_sent_to_sign_in(client, two_conferences, route, method):
    url = url_for(route, two_conferences["b"].slug, two_conferences["b_objects"])

    response = getattr(client, method)(url)

    assert response.status_code in (302, 405)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("route", CONFERENCE_ROUTES, ids=lambda route: route.name)
def test_signed_in_outsider_gets_not_found(client, two_conferences, route, method):
    client.force_login(UserFactory())
    url = url_for(route, two_conferences["b"].slug, two_conferences["b_objects"])

    response = getattr(client, method)(url)

    assert response.status_code in (404, 405)


@pytest.mark.parametrize("route", CONFERENCE_ROUTES, ids=lambda route: route.name)
def test_organizer_of_a_cannot_reach_b_by_its_slug(client, two_conferences, route):
    client.force_login(two_conferences["organizer_a"])
    url = url_for(route, two_conferences["b"].slug, two_conferences["b_objects"])

    assert client.post(url).status_code in (404, 405)
    assert client.get(url).status_code in (404, 405)


OBJECT_ROUTES = [route for route in CONFERENCE_ROUTES if "<int:pk>" in route.route]


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=lambda route: route.name)
def test_organizer_of_a_cannot_reach_b_objects_through_a(client, two_conferences, route):
    client.force_login(two_conferences["organizer_a"])
    url = url_for(route, two_conferences["a"].slug, two_conferences["b_objects"])

    assert client.post(url).status_code in (403, 404, 405)
    assert client.get(url).status_code in (404, 405)


@pytest.mark.parametrize("route", CONFERENCE_ROUTES, ids=lambda route: route.name)
def test_viewer_cannot_change_anything(client, two_conferences, route):
    conference = two_conferences["a"]
    meeting = MeetingFactory(conference=conference)
    organization = OrganizationFactory()
    objects = {
        "meeting": meeting.pk,
        "participant": MeetingParticipant.objects.create(meeting=meeting, name="X", email="x@example.org").pk,
        "co_organizer": ConferenceOrganizer.objects.create(
            conference=conference, organization=organization
        ).pk,
        "membership": conference.memberships.get(user=two_conferences["organizer_a"]).pk,
        **campaign_objects(conference),
    }
    client.force_login(two_conferences["viewer_a"])
    before = conference.history.count(), conference.memberships.count(), conference.co_organizers.count()
    campaigns_before = CampaignRecipient.objects.count(), CampaignReminder.objects.count()

    response = client.post(url_for(route, conference.slug, objects), {"title": "Changed", "role": "owner"})

    assert response.status_code == 403
    after = conference.history.count(), conference.memberships.count(), conference.co_organizers.count()
    assert after == before
    assert (CampaignRecipient.objects.count(), CampaignReminder.objects.count()) == campaigns_before
