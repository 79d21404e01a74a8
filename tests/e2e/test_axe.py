"""axe-core (node_modules/axe-core, from package-lock.json) in Chromium on every public page and every
page of the organizers' workspace, in English, Arabic (on a phone) and Persian: no violation.

The pages come from the URL conf: the public routes (tests/test_public_urls.py) and the /manage/ routes
(the walk of tests/events/views/test_manage_authorization.py), their parameters filled with the demo
conference's objects, and with an upcoming conference's for what only a future conference shows (the
registration form, personal links, invitations, delegations, the workspace's forms). A route that does
not answer a GET with a whole HTML page (feeds, files, POST-only actions, htmx fragments) must be named
in NOT_PAGES, so that a new page cannot slip past the check.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client

from demo import conference as demo
from events.enums import ConferenceFormat, TeamRole
from events.models import ConferenceMembership
from events.services import invitations
from proceedings.models import Statement
from proceedings.services import documents as document_services
from registrations.models import Registration
from registrations.services import delegations, new_link
from tests.events.views.test_manage_authorization import ROUTES, every_kind_of_object, url_for
from tests.factories import ConferenceFactory, OrganizationFactory
from tests.proceedings.documents import pdf
from tests.test_public_urls import PUBLIC_ROUTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "ar", "fa"]
# allauth's pages, which no URL list of ours names.
ACCOUNT_PAGES = [
    "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/accounts/login/code/",
]  # fmt: skip
# Pages of a signed-in person outside the workspace.
PERSONAL_PAGES = ["/accounts/profile/", "/accounts/api-tokens/"]

# Routes that answer a GET with no page of their own, and why.
NOT_PAGES = {
    "c/<slug:slug>/documents/<int:pk>/files/<int:file_pk>/": "a file",
    "c/<slug:slug>/materials/<int:pk>/": "a file",
    "c/<slug:slug>/participation/map.svg": "an image",
    "c/<slug:slug>/program.ics": "a calendar",
    "c/<slug:slug>/schedule.json": "a schedule",
    "c/<slug:slug>/schedule.xml": "a schedule",
    "c/<slug:slug>/sessions/<int:pk>.ics": "a calendar",
    "me/agenda/<str:token>.ics": "a calendar",
    "meetings/<uuid:uid>.ics": "a calendar",
    "favicon.ico": "an image",
    "manage/c/<slug:slug>/meetings/<int:pk>.ics": "a calendar",
    "manage/c/<slug:slug>/registrations/export.<str:extension>": "a spreadsheet",
    "c/<slug:slug>/register/organizations/": "an htmx fragment",
    "manage/organizations/search/": "an htmx fragment",
    "manage/c/<slug:slug>/invitations/campaigns/<int:pk>/progress/": "an htmx fragment",
    "manage/c/<slug:slug>/invitations/campaigns/<int:pk>/send/": "a redirect to the campaign",
}
POST_ONLY = "an action (POST only)"
# Public routes filled with the upcoming conference: what a past conference no longer shows. The
# registration form is seen signed out (the organizer is registered already).
UPCOMING_ROUTES = {
    "c/<slug:slug>/register/",
    "c/<slug:slug>/documents/submit/",
    "c/<slug:slug>/documents/mine/",
    "c/<slug:slug>/documents/<int:pk>/edit/",
    "me/online/<slug:slug>/",
    "me/online/<slug:slug>/join/",
}

# Known violations that this test lets pass, each with its reason: none.
KNOWN_VIOLATIONS: dict[tuple[str, str], str] = {}


@dataclass
class Page:
    route: str
    url: str
    signed_in: bool


def fill(route: str, values: dict[str, str]) -> str:
    """The route with each <converter:name> replaced by values[name] (a pk by the word before it:
    `declarations/<int:pk>/` takes values["declarations"])."""

    def value(match: re.Match) -> str:
        name = match.group(2)
        if name == "pk":
            name = route[: match.start()].rstrip("/").rsplit("/", 1)[-1]
        if name == "token":
            name = route.split("/", 1)[0] + "/token"
        return str(values[name])

    return "/" + re.sub(r"<(\w+):(\w+)>", value, route)


@pytest.fixture
def pages() -> tuple[list[Page], object]:
    """Every page to check, as the demo organizer (who is also registered for the upcoming conference)
    or signed out (allauth's pages, and the registration form as a stranger sees it)."""
    data = demo.seed_demo()
    past, organizer = data.conference, data.organizer
    upcoming = ConferenceFactory(
        title="International Conference for Peace", format=ConferenceFormat.HYBRID,
        working_languages=["en", "ar", "fa"], interpretation_languages=["ar", "fa"],
    )  # fmt: skip
    ConferenceMembership.objects.create(conference=upcoming, user=organizer, role=TeamRole.OWNER)
    objects = every_kind_of_object(upcoming)
    registration = Registration.objects.get(pk=objects["registration"])
    Registration.objects.filter(pk=registration.pk).update(user=organizer, email=organizer.email)
    invitation, _new = invitations.invite(upcoming, email="omar@example.org", name="Omar", language="ar")
    delegation, delegation_token = delegations.create_delegation(
        upcoming, organization=OrganizationFactory(), contact_name="Deniz", contact_email="deniz@example.org"
    )
    delegate = delegations.add_delegate_list(delegation, "Ayse Yilmaz, ayse@example.org, TR").added[0]
    document = past.documents.first()
    session = past.sessions.filter(materials__isnull=False).first()
    values = {
        "slug": past.slug,
        "declarations": past.declarations.filter(is_published=True).first().pk,
        "documents": document.pk,
        "file_pk": document.files.first().pk,
        "sessions": session.pk,
        "materials": session.materials.first().pk,
        "statements": Statement.objects.filter(conference=past).first().pk,
        "delegates": delegate.registration.pk,
        "registrations": registration.pk,
        "r/token": new_link(registration),
        "i/token": invitations.fresh_link_token(invitation),
        "d/token": delegation_token,
        "me/token": "none",
        "uid": data.meeting.uid,
        "day": (past.starts_on + timedelta(days=1)).isoformat(),
    }
    own_document = document_services.submit(
        upcoming, upload=pdf(), title="My report", authors="Demo Organizer", language="en",
        submitted_by=organizer,
    )  # fmt: skip
    upcoming_values = {**values, "slug": upcoming.slug, "documents": own_document.pk}
    found = [
        Page(route, fill(route, upcoming_values if route in UPCOMING_ROUTES else values),
             signed_in=route != "c/<slug:slug>/register/")
        for route in PUBLIC_ROUTES
    ]  # fmt: skip
    found += [Page(url.strip("/"), url, signed_in=False) for url in ACCOUNT_PAGES]
    found += [Page(url.strip("/"), url, signed_in=True) for url in PERSONAL_PAGES]
    found += [Page(route.route, url_for(route, upcoming.slug, objects), signed_in=True) for route in ROUTES]
    # The demo conference's workspace as well: the same pages with more in them.
    found += [
        Page(route.route, url_for(route, past.slug, {}), signed_in=True)
        for route in ROUTES
        if "<slug:slug>" in route.route and "<int:" not in route.route
    ]
    return found, organizer


def whole_pages(pages: list[Page], organizer) -> tuple[list[Page], dict[str, str]]:
    """The pages that answer a GET with a whole HTML page, and what the others answered, by route."""
    signed_in = Client()
    signed_in.force_login(organizer)
    checked, others = [], {}
    for page in pages:
        response = (signed_in if page.signed_in else Client()).get(page.url)
        content_type = response.get("Content-Type", "")
        if response.status_code == 405:
            others[page.route] = POST_ONLY
        elif (
            response.status_code in (200, 400, 403)
            and content_type.startswith("text/html")
            and response.content.lstrip().lower().startswith(b"<!doctype html>")
        ):
            checked.append(page)
        else:
            others[page.route] = f"{response.status_code} {content_type}"
    return checked, others


def violations_of(tab) -> list[tuple[str, str]]:
    """axe-core's violations on the page open in the tab: (rule, what it found and where, readably)."""
    results = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        (
            violation["id"],
            f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
            + "\n".join(f"    {node['target']} {node['html'][:160]}" for node in violation["nodes"][:5]),
        )
        for violation in results["violations"]
    ]


# Each language at one width: the desk's, and the phone's for Arabic (a sweep of every page at 375 px in
# the three languages found what this one finds, at twice the time).
WIDTHS = {"en": 1280, "ar": 375, "fa": 1280}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_no_axe_violation(browser, live_server, axe_script, pages, language):
    found, organizer = pages
    checked, others = whole_pages(found, organizer)
    not_pages = {route: answer for route, answer in others.items() if answer != POST_ONLY}
    assert sorted(not_pages) == sorted(NOT_PAGES), not_pages
    assert len(checked) >= 90

    client = Client()
    client.force_login(organizer)
    session_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    tabs = {}
    for signed_in in (True, False):
        # The site's Content-Security-Policy (script-src 'self') refuses a script that is not its own file.
        viewport = {"width": WIDTHS[language], "height": 800}
        context = browser.new_context(locale="en-GB", viewport=viewport, bypass_csp=True)
        context.add_init_script(path=str(axe_script))
        cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        if signed_in:
            cookies.append(
                {"name": settings.SESSION_COOKIE_NAME, "value": session_cookie, "url": live_server.url}
            )
        context.add_cookies(cookies)
        tabs[signed_in] = context.new_page()

    found_violations = {}

    def check(page: Page, where: str) -> None:
        assert tab.locator("html").get_attribute("lang") == language
        for rule, violation in violations_of(tab):
            if (page.route, rule) not in KNOWN_VIOLATIONS:
                found_violations.setdefault(where, []).append(violation)

    for page in checked:
        tab = tabs[page.signed_in]
        tab.goto(live_server.url + page.url)
        check(page, page.url)
        if page.route == "c/<slug:slug>/register/":  # and a form with errors, sent empty
            with tab.expect_navigation():
                tab.locator("main form[method=post] button[type=submit]").click()
            check(page, f"{page.url} (sent empty)")

    for tab in tabs.values():
        tab.context.close()
    report = "\n".join(
        f"{url}:\n  " + "\n  ".join(violations) for url, violations in found_violations.items()
    )
    assert found_violations == {}, f"in {language}:\n{report}"


# Each table box that scrolls sideways: whether it takes the focus, and its name.
SCROLLING_BOXES = """() => Array.from(document.querySelectorAll(".table-wrap"))
  .filter((box) => box.scrollWidth > box.clientWidth)
  .map((box) => [box.tabIndex, box.getAttribute("role"), box.getAttribute("aria-label") || ""])"""


def test_on_a_phone_a_wide_table_scrolls_with_the_keyboard_and_has_a_name(browser, live_server, axe_script):
    data = demo.seed_demo()
    slug = data.conference.slug
    client = Client()
    client.force_login(data.organizer)
    context = browser.new_context(locale="en-GB", viewport={"width": 375, "height": 800}, bypass_csp=True)
    context.add_init_script(path=str(axe_script))
    context.add_cookies([
        {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
         "url": live_server.url},
    ])  # fmt: skip
    tab = context.new_page()

    boxes = []
    for path in ["/manage/", f"/manage/c/{slug}/registrations/", f"/manage/c/{slug}/history/",
                 f"/manage/c/{slug}/declarations/", f"/c/{slug}/participation/"]:  # fmt: skip
        tab.goto(live_server.url + path)
        results = tab.evaluate(
            "axe.run(document, {runOnly: ['scrollable-region-focusable'], resultTypes: ['violations']})"
        )
        assert results["violations"] == [], path
        boxes += tab.evaluate(SCROLLING_BOXES)

    assert len(boxes) >= 3
    assert [box for box in boxes if box[:2] != [0, "group"] or not box[2]] == []
    context.close()
