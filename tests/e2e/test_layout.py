from datetime import UTC, datetime

import pytest

from tests.factories import ConferenceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_switching_to_arabic_turns_the_page_right_to_left(live_server, page):
    ConferenceFactory(title="International Conference against the War")
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("dir") == "ltr"

    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()

    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    assert page.locator("#language-select").input_value() == "ar"  # its label is Arabic now
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"


def test_skip_link_is_the_first_stop_for_the_keyboard_and_moves_focus_to_main(live_server, page):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")

    assert focused == "Skip to main content"
    assert page.evaluate("document.activeElement.id") == "main"


def test_htmx_is_loaded_from_our_own_server(live_server, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(live_server.url + "/")

    assert page.evaluate("typeof htmx") == "object"
    assert [url for url in requests if not url.startswith(live_server.url)] == []


def test_on_a_phone_the_page_does_not_scroll_sideways(live_server, browser):
    ConferenceFactory(title="A conference with a long title that must wrap on a small screen")
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()

    page.goto(live_server.url + "/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_signup_preselects_the_visitors_own_time_zone(live_server, browser):
    context = browser.new_context(timezone_id="Asia/Tehran")
    page = context.new_page()

    page.goto(live_server.url + "/accounts/signup/")

    assert page.get_by_label("Time zone").input_value() == "Asia/Tehran"
    context.close()


@pytest.mark.parametrize(
    ("language", "conference_time", "own_time"),
    [
        ("en", "June 1, 2022 at 9:00 AM", ", June 1, 2022 at 3:00 AM your time (America/Sao_Paulo)"),
        ("ar", "1 يونيو 2022 في 9:00 ص", "، 1 يونيو 2022 في 3:00 ص بتوقيتك (America/Sao_Paulo)"),
        ("tr", "1 Haziran 2022 09:00", ", sizin saatinizle 1 Haziran 2022 03:00 (America/Sao_Paulo)"),
        # The Gregorian calendar and Latin digits, as the server writes Persian dates, not the Solar
        # Hijri calendar and Persian digits Intl would choose.
        ("fa", "1 ژوئن 2022 ساعت 9:00", "، 1 ژوئن 2022 ساعت 3:00 به وقت شما (America/Sao_Paulo)"),
    ],
)
def test_visitor_sees_times_in_their_browsers_zone_beside_the_conferences_written_alike(
    live_server, browser, language, conference_time, own_time
):
    """The conference's time and the browser's on one line, written by one formatter, in the order
    the translation gives, with the language's own comma, in the calendar and digits of the page's
    other dates."""
    conference = ConferenceFactory(
        timezone="Europe/Istanbul", registration_opens_at=datetime(2022, 6, 1, 6, 0, tzinfo=UTC)
    )
    context = browser.new_context(timezone_id="America/Sao_Paulo", locale=language)
    page = context.new_page()

    page.goto(live_server.url + conference.get_absolute_url())

    opens = page.locator("dd", has=page.locator("time[data-local-time]")).first
    assert page.locator("html").get_attribute("lang") == language
    assert opens.inner_text() == f"{conference_time} (Europe/Istanbul){own_time}"
    context.close()


def test_the_browser_finds_the_icon_by_the_pages_link_and_at_favicon_ico(live_server, page):
    page.goto(live_server.url + "/")
    linked = page.request.get(live_server.url + page.locator('link[rel="icon"]').get_attribute("href"))
    asked = page.request.get(live_server.url + "/favicon.ico")

    assert (linked.status, linked.headers["content-type"]) == (200, "image/svg+xml")
    assert (asked.status, asked.url, asked.body()) == (200, linked.url, linked.body())
