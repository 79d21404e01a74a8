"""The Content-Security-Policy in Chromium: every main page loads with no violation, and htmx still works.

Violations are caught three ways: the `securitypolicyviolation` event (an init script records it before
any of the page's own scripts run), the console, and uncaught page errors.
"""

import pytest

from demo import conference as demo
from events.enums import TeamRole
from events.models import ConferenceMembership
from tests.e2e.test_campaign import signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


def watched(page) -> list[str]:
    """Everything that goes wrong on `page` from now on: console errors and warnings, and page errors.
    The browser's own request for /favicon.ico (the site has none) is not the page's doing."""
    problems = []

    def on_console(message) -> None:
        url = message.location["url"]
        if message.type in {"error", "warning"} and not url.endswith("/favicon.ico"):
            problems.append(f"{message.type}: {message.text} {url}")

    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return problems


def visit(page, url: str) -> tuple[str, list[str]]:
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    return response.headers.get("content-security-policy", ""), page.evaluate("window.cspViolations")


def test_main_pages_load_without_csp_violations(browser, client, live_server):
    data = demo.seed_demo()
    ConferenceMembership.objects.filter(user=data.organizer).update(role=TeamRole.OWNER)
    slug = data.conference.slug
    anonymous = browser.new_context(locale="en-GB").new_page()
    anonymous_problems = watched(anonymous)
    organizer = signed_in_page(browser, client, live_server, data.organizer)
    organizer_problems = watched(organizer)
    public = ["/", f"/c/{slug}/", f"/c/{slug}/program/", f"/c/{slug}/register/", f"/c/{slug}/participation/",
              "/accounts/login/", "/accounts/signup/"]  # fmt: skip
    manage = [
        "/manage/",
        f"/manage/c/{slug}/",
        f"/manage/c/{slug}/program/",
        f"/manage/c/{slug}/registrations/",
    ]

    seen = {path: visit(anonymous, live_server.url + path) for path in public}
    seen |= {path: visit(organizer, live_server.url + path) for path in manage}

    policies = {policy for policy, _violations in seen.values()}
    assert len(policies) == 1 and "default-src 'self'" in policies.pop()
    assert {path: violations for path, (_policy, violations) in seen.items()} == {path: [] for path in seen}
    assert anonymous_problems == []
    assert organizer_problems == []


def test_htmx_moves_a_session_in_the_editor_under_the_policy(browser, client, live_server):
    data = demo.seed_demo()
    ConferenceMembership.objects.filter(user=data.organizer).update(role=TeamRole.OWNER)
    page = signed_in_page(browser, client, live_server, data.organizer)
    problems = watched(page)
    page.goto(f"{live_server.url}/manage/c/{data.conference.slug}/program/")
    page.evaluate("window.notReloaded = true")

    row = page.locator("li.program-item", has_text="National reports: the Americas")
    row.locator("summary").click()
    row.get_by_label("Room").select_option(label="Main hall")
    row.locator("form").get_by_role("button", name="Move").click()
    moved_row = page.locator("li.program-item", has_text="National reports: the Americas")
    moved_row.get_by_role("button", name="Move anyway").wait_for()

    assert page.evaluate("window.notReloaded") is True  # htmx swapped the row in place
    assert page.evaluate("window.cspViolations") == []
    assert problems == []
