"""The choice of languages (common.forms.widgets.LanguageCheckboxes) in a browser: checkboxes, a search
box that filters them as one types, on a phone in Arabic and on a wide screen in English; without
JavaScript the boxes alone, which still send what is ticked.

Screenshots land in tests/e2e/screenshots/ (not committed) for a person to look at.
"""

import pytest
from django.conf import settings

from events.enums import TeamRole
from registrations.models import Registration
from tests.e2e.test_campaign import signed_in_page
from tests.e2e.test_new_organizer import SCREENSHOTS, snap
from tests.factories import ConferenceFactory, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def snap_picker(picker, name: str) -> None:
    """The fieldset alone, at the size it has on the page: easier to look at than the whole page."""
    SCREENSHOTS.mkdir(exist_ok=True)
    picker.screenshot(path=SCREENSHOTS / f"{name}-picker.png")


def arabic_phone(browser, live_server, **options):
    context = browser.new_context(viewport={"width": 375, "height": 812}, **options)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}])
    return context


def fill_in_the_rest(page):
    page.locator("#id_full_name").fill("ليلى حداد")
    page.locator("#id_email").fill("layla@example.org")
    page.locator("#id_country").select_option("LB")


def test_in_arabic_on_a_phone_typing_narrows_the_list_and_the_ticked_languages_are_sent(browser, live_server):
    conference = ConferenceFactory(title="Conference for Peace 2027")
    context = arabic_phone(browser, live_server)
    page = context.new_page()
    page.goto(f"{live_server.url}/c/{conference.slug}/register/")
    picker = page.locator("fieldset", has=page.locator("[data-language-picker]"))
    boxes = picker.locator("input[type=checkbox]")
    search = picker.get_by_role("searchbox")

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert boxes.count() == 100
    assert boxes.first.is_visible()
    fill_in_the_rest(page)
    search.fill("الفار")  # the start of "الفارسية", Persian in Arabic
    assert picker.locator("li:visible input").evaluate_all("boxes => boxes.map(box => box.value)") == ["fa"]
    picker.get_by_label("الفارسية").check()
    search.fill("turk")  # Turkish by its own name, Türkçe, without the dots; Turkmen too
    found = picker.locator("li:visible input").evaluate_all("boxes => boxes.map(box => box.value)")
    assert sorted(found) == ["tk", "tr"]
    picker.get_by_label("التركية").check()
    search.fill("kmr")  # Kurmanji by its code
    picker.locator("li:visible input").check()
    search.press("Enter")  # does not send the form half filled in
    assert picker.locator("[data-count]").inner_text() == "3"
    search.fill("zzz")
    assert picker.get_by_role("status").inner_text() == "لا توجد لغة مطابقة."
    snap(page, "language-picker-ar-375-search")
    snap_picker(picker, "language-picker-ar-375-search")
    search.fill("")
    snap(page, "language-picker-ar-375")
    snap_picker(picker, "language-picker-ar-375")
    sideways = page.evaluate(SIDEWAYS)
    page.locator("main form button[type=submit]").click()

    page.wait_for_url("**/r/**")
    registration = Registration.objects.get()
    assert sorted(registration.languages) == ["fa", "kmr", "tr"]
    assert sideways <= 0
    context.close()


def test_without_javascript_every_box_is_there_and_the_ticked_ones_are_sent(browser, live_server):
    conference = ConferenceFactory(title="Conference for Peace 2027")
    context = arabic_phone(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/c/{conference.slug}/register/")
    picker = page.locator("fieldset", has=page.locator("[data-language-picker]"))

    assert picker.locator("input[type=search]").count() == 1
    assert not picker.locator("input[type=search]").is_visible()
    assert picker.locator("input[type=checkbox]:visible").count() == 100
    fill_in_the_rest(page)
    picker.get_by_label("الفارسية").check()
    picker.get_by_label("الأرمنية").check()
    snap(page, "language-picker-ar-375-no-script")
    snap_picker(picker, "language-picker-ar-375-no-script")
    sideways = page.evaluate(SIDEWAYS)
    page.locator("main form button[type=submit]").click()

    page.wait_for_url("**/r/**")
    assert sorted(Registration.objects.get().languages) == ["fa", "hy"]
    assert sideways <= 0
    context.close()


def test_an_organizer_adds_a_working_language_and_the_first_stays_first(browser, client, live_server):
    membership = MembershipFactory(role=TeamRole.OWNER, conference__working_languages=["tr", "en"])
    conference = membership.conference
    page = signed_in_page(browser, client, live_server, membership.user)
    page.goto(f"{live_server.url}/manage/c/{conference.slug}/edit/")
    picker = page.locator("fieldset", has=page.locator("legend", has_text="Working languages"))
    boxes = picker.locator("input[type=checkbox]")

    assert boxes.evaluate_all("boxes => boxes.slice(0, 2).map(box => box.value + box.checked)") == [
        "trtrue",
        "entrue",
    ]
    picker.get_by_role("searchbox").fill("arab")
    picker.locator("input[value=ar]").check()
    assert picker.locator("[data-count]").inner_text() == "3"
    picker.get_by_role("searchbox").fill("")
    snap(page, "language-picker-en-1280")
    snap_picker(picker, "language-picker-en-1280")
    sideways = page.evaluate(SIDEWAYS)
    page.locator("main form button[type=submit]").click()

    page.get_by_text("The conference has been saved.").wait_for()
    conference.refresh_from_db()
    assert conference.working_languages == ["tr", "en", "ar"]
    assert sideways <= 0
    page.context.close()
