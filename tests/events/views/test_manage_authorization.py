"""Every URL under /manage/, walked from the URL conf: a new view without its check fails here."""

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django import shortcuts
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from events.enums import TeamRole
from events.models import (
    Campaign,
    CampaignRecipient,
    CampaignReminder,
    ConferenceOrganizer,
    Invitation,
    MeetingParticipant,
)
from outbox.models import Webhook
from proceedings.models import DocumentFile, Statement
from proceedings.models.declarations import Amendment
from proceedings.services import amendments, declarations
from proceedings.services import documents as document_services
from program.models import Room, SessionMaterial, Track
from program.services import create_session
from program.views import manage as program_manage_views
from registrations.enums import ParticipantRole
from tests.factories import (
    ConferenceFactory,
    DelegationQuotaFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    OutboxMessageFactory,
    RegistrationFactory,
    StartReminderFactory,
    UserFactory,
)
from tests.proceedings.documents import pdf

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

    assert {
        "events:manage-conference-list",
        "events:manage-conference-dashboard",
        "events:manage-team-add",
    } <= names
    assert len(CONFERENCE_ROUTES) >= 20


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_every_manage_view_declares_its_permission(route):
    assert getattr(route.callback, "manage_permission", None) is not None, (
        f"{route.name} ({route.route}) has no permission check: decorate it with team_required, "
        "directory_required or signed_in from events.permissions"
    )


def every_kind_of_object(conference) -> dict[str, int]:
    """One object of every kind a /manage/ URL can name, in this conference, by kind."""

    membership = MembershipFactory(conference=conference, role=TeamRole.OWNER)
    meeting = MeetingFactory(conference=conference)
    participant = MeetingParticipant.objects.create(meeting=meeting, name="P", email="p@example.org")
    organization = OrganizationFactory()
    co_organizer = ConferenceOrganizer.objects.create(conference=conference, organization=organization)
    campaign = Campaign.objects.create(conference=conference, name="First call", default_language="en")
    recipient = CampaignRecipient.objects.create(
        campaign=campaign, email="r@example.org", name="R", language="en"
    )
    reminder = CampaignReminder.objects.create(campaign=campaign, due_at=timezone.now() + timedelta(days=1))
    invitation = Invitation.objects.create(
        conference=conference,
        email="i@example.org",
        language="en",
        expires_at=timezone.now() + timedelta(days=9),
    )
    room = Room.objects.create(conference=conference, name="Hall")
    track = Track.objects.create(conference=conference, name="Peace")
    day = timezone.make_aware(timezone.datetime.combine(conference.starts_on, timezone.datetime.min.time()))
    session = create_session(conference, title="Opening", starts_at=day + timedelta(hours=9),
                             ends_at=day + timedelta(hours=10), room=room, track=track)  # fmt: skip
    material = SessionMaterial(session=session, title="Slides", file_kind="pdf", file_size=9)
    material.file.save("slides.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    registration = RegistrationFactory(conference=conference, role=ParticipantRole.DELEGATE)
    declaration = declarations.create_declaration(conference, title="D", language="en", text="One.\n\nTwo.")
    amendments.set_window(declaration, opens_at=timezone.now() - timedelta(hours=1), closes_at=None)
    amendment = amendments.propose_amendment(
        declaration, registration=registration, paragraph_number=1, kind="delete", text="", rationale="R"
    )
    statement = Statement.objects.create(conference=conference, title="S", body="B", language="en")
    document = document_services.submit(conference, upload=pdf(), title="Doc", authors="A", language="en")
    mail = OutboxMessageFactory(conference=conference)
    webhook = Webhook.objects.create(conference=conference, url="https://example.org/hook",
                                     events=["session.changed"], secret="s" * 64)  # fmt: skip
    start_reminder = StartReminderFactory(conference=conference)
    quota = DelegationQuotaFactory(conference=conference)
    return {
        "membership": membership.pk, "meeting": meeting.pk, "participant": participant.pk,
        "organization": organization.pk, "co_organizer": co_organizer.pk, "campaign": campaign.pk,
        "recipient": recipient.pk, "reminder": reminder.pk, "invitation": invitation.pk, "room": room.pk,
        "track": track.pk, "session": session.pk, "material": material.pk, "registration": registration.pk,
        "declaration": declaration.pk, "amendment": amendment.pk, "statement": statement.pk,
        "document": document.pk, "document_file": document.files.get().pk, "message": mail.pk,
        "start_reminder": start_reminder.pk, "quota": quota.pk, "webhook": webhook.pk,
    }  # fmt: skip


@pytest.fixture
def two_conferences():
    """Conferences A and B, each with objects of every kind; A has an organizer and a viewer."""
    a, b = ConferenceFactory(), ConferenceFactory()
    organizer_a = MembershipFactory(conference=a, role=TeamRole.ORGANIZER).user
    viewer_a = MembershipFactory(conference=a, role=TeamRole.VIEWER).user
    return {
        "a": a,
        "b": b,
        "organizer_a": organizer_a,
        "viewer_a": viewer_a,
        "a_objects": every_kind_of_object(a),
        "b_objects": every_kind_of_object(b),
    }


# The kind of object each URL parameter names. `pk` depends on the route: the first prefix of the
# route's name that matches decides. A parameter or route not listed here fails the walk loudly.
PARAMETER_KINDS = {"recipient_pk": "recipient", "reminder_pk": "reminder", "participant_pk": "participant"}
PK_KINDS_BY_ROUTE_NAME = [
    ("events:manage-organization-", "organization"),
    ("events:manage-co-organizer-", "co_organizer"),
    ("events:manage-team-", "membership"),
    ("events:manage-campaign-", "campaign"),
    ("events:manage-meeting-", "meeting"),
    ("events:manage-invitation-", "invitation"),
    ("program:manage-session-", "session"),
    ("program:manage-room-", "room"),
    ("program:manage-track-", "track"),
    ("program:manage-material-", "material"),
    ("proceedings:manage-document-", "document"),
    ("proceedings:manage-declaration-", "declaration"),
    ("proceedings:manage-amendment-order", "declaration"),
    ("proceedings:manage-amendment-", "amendment"),
    ("proceedings:manage-statement-", "statement"),
    ("registrations:manage-registration-", "registration"),
    ("outbox:manage-message-", "message"),
    ("outbox:manage-webhook-", "webhook"),
    ("online:manage-reminder-", "start_reminder"),
    ("registrations:manage-quota-", "quota"),
]
FIXED_VALUES = {"slug:slug": None, "str:language": "en", "str:extension": "csv"}
PARAMETER = re.compile(r"<(\w+):(\w+)>")


def object_kind(route: Route, parameter: str) -> str:
    if parameter in PARAMETER_KINDS:
        return PARAMETER_KINDS[parameter]
    if parameter == "pk":
        for prefix, kind in PK_KINDS_BY_ROUTE_NAME:
            if route.name.startswith(prefix):
                return kind
    pytest.fail(
        f"{route.name} ({route.route}): the walk cannot fill <{parameter}>; "
        "name its object kind in PARAMETER_KINDS or PK_KINDS_BY_ROUTE_NAME",
        pytrace=False,
    )


def url_for(route: Route, slug: str, objects: dict) -> str:
    """The route's URL with the slug given and every <int:...> filled with the id of `objects`'
    object of the kind the parameter names."""

    def fill(match: re.Match) -> str:
        converter, parameter = match.groups()
        if f"{converter}:{parameter}" in FIXED_VALUES:
            return FIXED_VALUES[f"{converter}:{parameter}"] or slug
        if converter != "int":
            pytest.fail(f"{route.name}: the walk cannot fill <{converter}:{parameter}>", pytrace=False)
        return str(objects[object_kind(route, parameter)])

    return "/" + PARAMETER.sub(fill, route.route)


def body_for(objects: dict) -> dict:
    """The ids some views read from the form rather than the URL, from the same conference's objects."""
    return {
        "file": objects["document_file"],
        "registration": objects["registration"],
        "registrations": [objects["registration"]],
        "amendment": [objects["amendment"]],
        "follow_up": objects["declaration"],
        "room": objects["room"],
        "track": objects["track"],
        "organization": objects["organization"],
    }


def test_every_object_parameter_of_the_workspace_names_a_known_kind(two_conferences):
    for route in ROUTES:
        path = url_for(route, "x", two_conferences["b_objects"])
        assert "<" not in path, path


def test_a_and_b_have_different_objects_of_every_kind(two_conferences):
    a, b = two_conferences["a_objects"], two_conferences["b_objects"]

    assert set(a) == set(b)
    assert [kind for kind in a if a[kind] == b[kind]] == []


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


OBJECT_ROUTES = [route for route in CONFERENCE_ROUTES if "<int:" in route.route]


def answers_for_b_objects_through_a(client, two_conferences, route) -> dict[str, int]:
    """What the organizer of A gets for B's objects named in a URL of A: POST then GET."""
    client.force_login(two_conferences["organizer_a"])
    url = url_for(route, two_conferences["a"].slug, two_conferences["b_objects"])
    return {
        "post": client.post(url, body_for(two_conferences["b_objects"])).status_code,
        "get": client.get(url).status_code,
    }


def refused(answers: dict[str, int]) -> bool:
    return answers["post"] in (403, 404, 405) and answers["get"] in (404, 405)


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=lambda route: route.name)
def test_organizer_of_a_cannot_reach_b_objects_through_a(client, two_conferences, route):
    answers = answers_for_b_objects_through_a(client, two_conferences, route)

    assert refused(answers), answers


def route_named(name: str) -> Route:
    return next(route for route in OBJECT_ROUTES if route.name == name)


@pytest.mark.parametrize("name", ["program:manage-session-edit", "program:manage-room-edit"])
def test_the_walk_fails_for_a_view_that_forgets_its_conference(client, two_conferences, monkeypatch, name):
    """Proof that the walk can fail: the program views' lookups with the conference filter dropped
    (the lookup by id alone, as a view that forgot its scoping would make) are caught."""

    def unscoped(queryset, **lookups):
        return shortcuts.get_object_or_404(queryset.model.objects.all(), **lookups)

    monkeypatch.setattr(program_manage_views, "get_object_or_404", unscoped)

    answers = answers_for_b_objects_through_a(client, two_conferences, route_named(name))

    assert not refused(answers), answers
    assert answers["get"] == 200


@pytest.mark.parametrize("route", CONFERENCE_ROUTES, ids=lambda route: route.name)
def test_viewer_cannot_change_anything(client, two_conferences, route):
    conference = two_conferences["a"]
    client.force_login(two_conferences["viewer_a"])
    before = conference.history.count(), conference.memberships.count(), conference.co_organizers.count()
    campaigns_before = CampaignRecipient.objects.count(), CampaignReminder.objects.count()

    response = client.post(
        url_for(route, conference.slug, two_conferences["a_objects"]), {"title": "Changed", "role": "owner"}
    )

    assert response.status_code == 403
    after = conference.history.count(), conference.memberships.count(), conference.co_organizers.count()
    assert after == before
    assert (CampaignRecipient.objects.count(), CampaignReminder.objects.count()) == campaigns_before


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=lambda route: route.name)
def test_organizer_of_a_reaches_a_objects(client, two_conferences, route):
    """The control for the test above: the same ids of A's own objects are found, so that a 404
    there comes from the conference check, not from an id of the wrong kind."""
    client.force_login(two_conferences["organizer_a"])
    url = url_for(route, two_conferences["a"].slug, two_conferences["a_objects"])

    response = client.get(url)
    if response.status_code == 405:  # a POST-only view: ask it with a POST
        response = client.post(url, body_for(two_conferences["a_objects"]))
    assert response.status_code in (200, 302, 400, 403), response.status_code  # 403: found, not the role


def state_of(conference) -> dict[str, list]:
    """Every row of the conference's objects, as stored."""

    return {
        "conference": list(type(conference).objects.filter(pk=conference.pk).values()),
        "registrations": list(conference.registrations.order_by("pk").values()),
        "sessions": list(conference.sessions.order_by("pk").values()),
        "rooms": list(conference.rooms.order_by("pk").values()),
        "tracks": list(conference.tracks.order_by("pk").values()),
        "memberships": list(conference.memberships.order_by("pk").values()),
        "co_organizers": list(conference.co_organizers.order_by("pk").values()),
        "meetings": list(conference.meetings.order_by("pk").values()),
        "participants": list(MeetingParticipant.objects.filter(meeting__conference=conference).values()),
        "campaigns": list(Campaign.objects.filter(conference=conference).values()),
        "recipients": list(CampaignRecipient.objects.filter(campaign__conference=conference).values()),
        "reminders": list(CampaignReminder.objects.filter(campaign__conference=conference).values()),
        "documents": list(conference.documents.order_by("pk").values()),
        "files": list(DocumentFile.objects.filter(document__conference=conference).order_by("pk").values()),
        "declarations": list(conference.declarations.order_by("pk").values()),
        "amendments": list(Amendment.objects.filter(declaration__conference=conference).values()),
        "statements": list(conference.statements.order_by("pk").values()),
    }


@pytest.mark.parametrize("route", CONFERENCE_ROUTES, ids=lambda route: route.name)
def test_organizer_of_a_cannot_change_b_objects_named_in_the_form(client, two_conferences, route):
    client.force_login(two_conferences["organizer_a"])
    before = state_of(two_conferences["b"])

    client.post(
        url_for(route, two_conferences["a"].slug, two_conferences["a_objects"]),
        body_for(two_conferences["b_objects"]),
    )

    assert state_of(two_conferences["b"]) == before
