"""What axe-core cannot see, in Chromium (issue 17, "Accessibility beyond the automated checks"): every
control of a page with two forms has its own label, the focus ring is visible on the dark header, and
focus is not thrown back to the top of the page after a form.
"""

import re

import pytest
from django.conf import settings

from events.enums import TeamRole
from tests.e2e.test_campaign import signed_in_page
from tests.e2e.test_trust_pages import unnamed_controls
from tests.factories import ConferenceFactory, MembershipFactory

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


def luminance(css_colour: str) -> float:
    """WCAG's relative luminance of an `rgb(r, g, b)` colour as getComputedStyle gives it."""
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", css_colour)[:3])

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted([luminance(one), luminance(other)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The element that has keyboard focus, its focus ring, and the background the ring is drawn on: the
# header's for what sits in the header (the skip link appears over it), the page's for the rest.
FOCUSED_RING = """() => {
  const focused = document.activeElement;
  const ring = getComputedStyle(focused);
  const header = document.querySelector(".site-header");
  const onHeader = header.contains(focused) || focused.classList.contains("skip-link");
  return {
    name: `${focused.tagName} ${focused.textContent.trim().slice(0, 30)}`,
    visible: focused.matches(":focus-visible"),
    style: ring.outlineStyle,
    width: parseFloat(ring.outlineWidth),
    colour: ring.outlineColor,
    background: getComputedStyle(onHeader ? header : document.body).backgroundColor,
    onHeader: onHeader,
  };
}"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_focus_ring_stands_out_on_the_dark_header_and_on_the_page(browser, live_server, language):
    """WCAG 1.4.11: a focus indicator needs 3:1 against what is next to it."""
    ConferenceFactory()
    context = browser.new_context(locale="en-GB")
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + "/")

    rings = []
    for _stop in range(12):  # the skip link, the header's links, the language switcher, then the page
        page.keyboard.press("Tab")
        rings.append(page.evaluate(FOCUSED_RING))
        if not rings[-1]["onHeader"]:
            break

    assert len([ring for ring in rings if ring["onHeader"]]) >= 5
    assert not rings[-1]["onHeader"]  # the first stop after the header is checked on the page's white
    for ring in rings:
        assert (ring["visible"], ring["style"], ring["width"] >= 2) == (True, "solid", True), ring
        assert contrast(ring["colour"], ring["background"]) >= 3, ring
    context.close()
