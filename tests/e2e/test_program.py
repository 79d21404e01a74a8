"""The program in Chromium: the public timetable on a phone and right-to-left, and the editor.

Screenshots land in tests/e2e/screenshots/ (not committed) for a person to look at.
"""

import re

import pytest
from django.conf import settings

from demo import conference as demo
from events.enums import TeamRole
from events.models import ConferenceMembership
from tests.e2e.test_axe import violations_of
from tests.e2e.test_campaign import signed_in_page
from tests.e2e.test_new_organizer import snap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "width"), [("en", 390), ("ar", 1280)])
def test_the_public_program_reads_by_day(browser, live_server, language, width):
    conference = demo.seed_demo().conference
    context = browser.new_context(viewport={"width": width, "height": 900}, timezone_id="America/Sao_Paulo")
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page = context.new_page()

    page.goto(f"{live_server.url}/c/{conference.slug}/program/")

    assert page.locator(".program-days a").count() == 2
    assert page.locator(".program-days a[aria-current=page]").count() == 1
    first_day = [session for session in demo.PROGRAM if session[0] == 0]
    assert page.locator(".program-item").count() == len(first_day)
    first_time, first_label = page.locator("[data-starts]").first, page.locator("[data-at]").first
    in_istanbul = first_time.inner_text()
    label_in_istanbul = first_label.text_content()
    page.locator("[data-time-switch]").click()  # to the visitor's own time zone, São Paulo: 6 hours earlier
    in_sao_paulo = first_time.inner_text()
    label_in_sao_paulo = first_label.text_content()
    page.reload()
    remembered = page.locator("[data-starts]").first.inner_text()
    assert in_istanbul != in_sao_paulo == remembered
    assert label_in_istanbul != label_in_sao_paulo
    assert page.locator("[data-zone-shown]").inner_text() == "America/Sao_Paulo"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    snap(page, f"program-01-public-{language}-{width}")
    assert overflow <= 0
    page.locator(".program-days a").nth(1).click()
    assert page.locator(".program-item").count() == len(demo.PROGRAM) - len(first_day)
    assert page.locator(".program-days a").nth(1).get_attribute("aria-current") == "page"
    context.close()


def box(page, conference, title: str) -> dict:
    session = conference.sessions.get(title_en__startswith=title)
    return page.locator(f".program-item:has(a[href$='/sessions/{session.pk}/'])").bounding_box()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_grid_lines_up_parallel_sessions_and_runs_with_the_page(browser, live_server, language):
    """Two sessions at the same time in different rooms share a top; a longer one is taller; the first
    room is at the start of the line (right to left: at the right). On a phone, a list by time."""
    conference = demo.seed_demo().conference
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page = context.new_page()

    page.goto(f"{live_server.url}/c/{conference.slug}/program/?lang={language}")

    europe = box(page, conference, "National reports: Europe")
    elsewhere = box(page, conference, "National reports: the Americas")
    opening, pause = box(page, conference, "Opening plenary"), box(page, conference, "Break")
    main_hall, room_b = (page.locator(".program-grid__room").nth(number).bounding_box() for number in (0, 1))
    snap(page, f"program-06-grid-{language}-1280")
    assert abs(europe["y"] - elsewhere["y"]) < 1
    assert europe["height"] == pytest.approx(elsewhere["height"], abs=1)
    assert opening["height"] > 2 * pause["height"]  # 90 minutes against 30
    assert pause["y"] == pytest.approx(opening["y"] + opening["height"], abs=3)  # the break follows at once
    if language == "ar":
        assert main_hall["x"] > room_b["x"] and europe["x"] > elsewhere["x"]
    else:
        assert main_hall["x"] < room_b["x"] and europe["x"] < elsewhere["x"]
    assert europe["x"] == pytest.approx(main_hall["x"], abs=1)

    page.set_viewport_size({"width": 375, "height": 800})
    europe = box(page, conference, "National reports: Europe")
    elsewhere = box(page, conference, "National reports: the Americas")
    snap(page, f"program-07-list-{language}-375")
    assert elsewhere["y"] > europe["y"] + europe["height"]  # one under the other
    assert page.locator(".program-grid__room").first.is_hidden()
    context.close()


@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("ar", 1280), ("en", 375)])
def test_a_scale_programs_day_fits_the_page_and_its_grid_scrolls_in_its_own_box(
    browser, live_server, axe_script, language, width
):
    """Ten rooms: on a wide screen the grid scrolls sideways in a box that takes the focus and is named
    by the day; the page itself never does. No axe violation either way."""
    conference = demo.seed_scale(100)
    first_day = len(
        [
            s
            for s in conference.sessions.all()
            if s.starts_at.astimezone(conference.zone).date() == conference.starts_on
        ]
    )
    # The site's Content-Security-Policy (script-src 'self') refuses a script that is not its own file.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    context.add_init_script(path=str(axe_script))
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page = context.new_page()

    page.goto(f"{live_server.url}/c/{conference.slug}/program/")

    snap(page, f"program-08-scale-100-{language}-{width}")
    assert page.locator(".program-item").count() == first_day
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    if width > 1000:
        assert page.locator(".program-grid__room").count() == 10
        grid = page.locator(".program-grid")
        assert grid.evaluate("box => box.scrollWidth > box.clientWidth")
        assert (grid.get_attribute("role"), grid.get_attribute("tabindex")) == ("group", "0")
        assert grid.get_attribute("aria-label") == page.locator(".program-day h2").inner_text()
    assert violations_of(page) == []
    context.close()


def test_the_editor_shows_the_days_and_the_clashes(browser, client, live_server):
    data = demo.seed_demo()
    ConferenceMembership.objects.filter(user=data.organizer).update(role=TeamRole.OWNER)
    page = signed_in_page(browser, client, live_server, data.organizer)

    page.goto(f"{live_server.url}/manage/c/{data.conference.slug}/program/")

    assert page.get_by_role("heading", name="Program", exact=True).is_visible()
    snap(page, "program-02-editor")
    row = page.locator("li.program-item", has_text="National reports: the Americas")
    page.evaluate("window.notReloaded = true")
    row.locator("summary").click()
    row.get_by_label("Room").select_option(label="Main hall")
    row.locator("form").get_by_role("button", name="Move").click()
    moved_row = page.locator("li.program-item", has_text="National reports: the Americas")
    moved_row.get_by_role("button", name="Move anyway").wait_for()
    assert "Main hall is also used by" in moved_row.inner_text()
    assert page.evaluate("window.notReloaded") is True  # the row was swapped in place
    snap(page, "program-04-move-clash")
    page.get_by_role("link", name="Add a session").click()
    page.locator("#id_title_en").fill("Evening meeting")
    page.get_by_label("Starts").fill(f"{data.conference.starts_on.isoformat()}T10:30")
    page.get_by_label("Ends").fill(f"{data.conference.starts_on.isoformat()}T11:00")
    page.locator("#id_room").select_option(label="Main hall")
    page.locator("#id_people-0-name").fill("Rosa Ortiz")
    page.locator("#id_materials-0-title").fill("Agenda")
    page.locator("#id_materials-0-file").set_input_files(
        files=[{"name": "agenda.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% agenda\n"}]
    )
    page.get_by_role("button", name="Save").click()
    snap(page, "program-03-clash")
    assert page.get_by_text("Main hall is also used by").first.is_visible()
    page.get_by_label("Save it even so").check()
    page.locator("#id_materials-0-file").set_input_files(  # browsers never keep a chosen file
        files=[{"name": "agenda.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% agenda\n"}]
    )
    page.get_by_role("button", name="Save").click()
    page.get_by_text("“Evening meeting” is saved.").wait_for()
    snap(page, "program-05-grid-after-save")
    evening = data.conference.sessions.get(title="Evening meeting")
    assert [person.name for person in evening.people.all()] == ["Rosa Ortiz"]
    assert evening.materials.get().file_kind == "pdf"


def test_the_persian_program_writes_the_visitors_own_times_in_the_digits_of_its_dates(browser, live_server):
    """The day's heading and the times under it in Latin digits, as the server writes them, also once
    switched to the visitor's own time zone (Intl would write Persian digits)."""
    conference = demo.seed_demo().conference
    context = browser.new_context(timezone_id="America/Sao_Paulo")
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "fa", "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/c/{conference.slug}/program/")

    page.locator("[data-time-switch]").click()

    day = page.locator(".program-day h2").first.inner_text()
    times = page.locator("[data-starts]").all_inner_texts()
    latin = "[0-9]"  # not \d, which takes Persian digits too
    assert re.fullmatch(rf".+ {latin}{{1,2}} \S+ {latin}{{4}}", day), day  # e.g. "شنبه 25 ژوئن 2022"
    assert all(re.fullmatch(rf"{latin}+:{latin}{{2}}–{latin}+:{latin}{{2}}", time) for time in times), times  # noqa: RUF001
    context.close()
