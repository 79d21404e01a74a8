"""The registration desk in Chromium: ticking every row of the page with one box, under the policy."""

import pytest

from events.enums import TeamRole
from tests.e2e.test_campaign import signed_in_page
from tests.e2e.test_csp import watched
from tests.factories import MembershipFactory, RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_one_box_ticks_the_page_and_the_bulk_action_applies_to_them(browser, client, live_server):
    membership = MembershipFactory(role=TeamRole.ORGANIZER)
    conference = membership.conference
    for name in ("Ana", "Ben", "Chen"):
        RegistrationFactory(conference=conference, full_name=name, country="BR")
    RegistrationFactory(conference=conference, full_name="Dora", country="FR")
    page = signed_in_page(browser, client, live_server, membership.user)
    problems = watched(page)

    page.goto(f"{live_server.url}/manage/c/{conference.slug}/registrations/?country=BR&sort=-name")
    master = page.get_by_label("Select every registration on this page")
    master.check()
    ticked = page.locator("input[name=registrations]:checked").count()
    page.get_by_label("Select Ben").uncheck()
    partly = master.evaluate("box => [box.checked, box.indeterminate]")
    page.get_by_label("With the ticked ones").select_option("cancel")
    page.get_by_role("button", name="Apply").click()
    page.get_by_text("2 registrations done.").wait_for()

    assert ticked == 3
    assert partly == [False, True]
    assert dict(conference.registrations.values_list("full_name", "status")) == {
        "Ana": "cancelled", "Ben": "confirmed", "Chen": "cancelled", "Dora": "confirmed",
    }  # fmt: skip
    assert page.url.endswith("/registrations/?country=BR&sort=-name")  # back to the list as it was
    page.get_by_role("link", name="Ben", exact=True).click()
    page.get_by_role("heading", name="History").wait_for()
    assert page.evaluate("window.cspViolations") == []
    assert problems == []
