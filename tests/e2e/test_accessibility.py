"""What axe-core cannot see, in Chromium (issue 17, "Accessibility beyond the automated checks"): every
control of a page with two forms has its own label, the focus ring is visible on the dark header, and
focus is not thrown back to the top of the page after a form.
"""

import re

import pytest
from django.conf import settings

from events.enums import TeamRole
from program.models import Room
from program.services import create_session
from tests.e2e.test_campaign import signed_in_page
from tests.e2e.test_trust_pages import unnamed_controls
from tests.factories import ConferenceFactory, MembershipFactory, UserFactory
from tests.program.test_program import at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A form is sent inside `page.expect_navigation()`, which returns once the next page has loaded: its
# scripts (focus-on-load.js) have run by then.

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


def test_a_room_refused_by_the_program_editor_comes_back_in_its_form_with_its_summary(
    browser, client, live_server, owner
):
    Room.objects.create(conference=owner.conference, name="Hall")
    page = signed_in_page(browser, client, live_server, owner.user)
    page.goto(f"{live_server.url}/manage/c/{owner.conference.slug}/program/")
    rooms = page.locator("form", has=page.get_by_role("button", name="Add the room"))

    rooms.get_by_label("Name").fill("Hall")
    rooms.get_by_label("Capacity").fill("120")
    with page.expect_navigation():
        rooms.get_by_role("button", name="Add the room").click()

    rooms = page.locator("form", has=page.get_by_role("button", name="Add the room"))
    assert rooms.locator(".error-summary").evaluate("summary => summary === document.activeElement")
    assert rooms.locator(".error-summary li").all_inner_texts() == ["Name: Hall exists already."]
    assert (rooms.get_by_label("Name").input_value(), rooms.get_by_label("Capacity").input_value()) == (
        "Hall",
        "120",
    )
    assert page.evaluate(DUPLICATE_IDS) == []
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


FOCUSED = "document.activeElement === document.body ? 'body' : document.activeElement.outerHTML.slice(0, 80)"

# The error summary's links, each with whether its target exists on the page.
SUMMARY_LINKS = """() => Array.from(document.querySelectorAll(".error-summary a")).map((link) => [
  link.textContent.trim(), link.getAttribute("href"),
  document.getElementById(link.hash.slice(1)) !== null,
])"""


def test_starring_a_session_with_the_keyboard_brings_focus_back_to_the_star(browser, client, live_server):
    conference = ConferenceFactory()
    session = create_session(
        conference, title="Opening", starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 10)
    )
    page = signed_in_page(browser, client, live_server, UserFactory())
    page.goto(f"{live_server.url}/c/{conference.slug}/sessions/{session.pk}/")

    page.get_by_role("button", name="Add to my agenda").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("The session is in your agenda.").wait_for()

    star = page.get_by_role("button", name="In my agenda")
    assert star.get_attribute("aria-pressed") == "true"
    assert star.evaluate("button => button === document.activeElement"), page.evaluate(FOCUSED)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # and again, to take it out
    page.get_by_text("The session is no longer in your agenda.").wait_for()
    assert page.get_by_role("button", name="Add to my agenda").evaluate(
        "button => button === document.activeElement"
    ), page.evaluate(FOCUSED)
    page.context.close()


def submit_and_read_the_summary(page) -> list:
    """After a failed submission: the summary has the focus, and its links lead to fields that exist."""
    assert page.evaluate("document.activeElement.classList.contains('error-summary')"), page.evaluate(FOCUSED)
    assert page.locator(".error-summary [role=alert]").get_by_role("heading").count() == 1
    links = page.evaluate(SUMMARY_LINKS)
    assert [href for _text, href, found in links if not found] == []
    return links


def test_a_failed_registration_opens_on_its_error_summary_whose_links_lead_to_the_fields(
    browser, live_server
):
    conference = ConferenceFactory()
    page = browser.new_context(locale="en-GB").new_page()
    page.goto(f"{live_server.url}/c/{conference.slug}/register/")
    page.get_by_label("Email").fill("not an address")

    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()

    links = submit_and_read_the_summary(page)
    assert [text for text, _href, _found in links] == [
        "Full name: This field is required.",
        "Email: Enter a valid email address.",
        "Country: This field is required.",
    ]
    page.locator(".error-summary a", has_text="Email").click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    borders = [
        page.locator(f"#{field}").evaluate("box => getComputedStyle(box).borderTopColor")
        for field in ("id_full_name", "id_email", "id_country")
    ]
    assert borders == ["rgb(164, 22, 26)"] * 3  # --error: a text box's border showed no error before
    page.context.close()


def test_a_failed_conference_form_and_session_form_open_on_their_error_summaries(
    browser, client, live_server, owner
):
    conference = owner.conference
    page = signed_in_page(browser, client, live_server, owner.user)

    page.goto(f"{live_server.url}/manage/c/{conference.slug}/edit/")
    page.get_by_label("Title").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert [text for text, _href, _found in submit_and_read_the_summary(page)] == [
        "Title: This field is required."
    ]

    page.goto(f"{live_server.url}/manage/c/{conference.slug}/program/new/")
    page.locator("#id_title_en").fill("Opening")
    page.locator("#id_people-0-email").fill("not an address")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert [text for text, _href, _found in submit_and_read_the_summary(page)] == [
        "Starts: This field is required.",
        "Ends: This field is required.",
        "Name: This field is required.",
        "Email: Enter a valid email address.",
    ]
    page.context.close()


def test_a_failed_sign_in_opens_on_its_error_summary(browser, live_server):
    UserFactory(email="ana@example.org")
    page = browser.new_context(locale="en-GB").new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("ana@example.org")
    page.get_by_label("Password").fill("not the password")

    with page.expect_navigation():
        page.get_by_role("button", name="Sign In").click()

    submit_and_read_the_summary(page)
    assert page.locator(".error-summary li").all_inner_texts() == [
        "The email address and/or password you specified are not correct."
    ]
    page.context.close()
