"""A delegation's contact in Chromium, on a phone, in English and Arabic: pastes five delegates (one line
malformed and corrected), changes one, withdraws one.

Screenshots land in tests/e2e/screenshots/delegation-*.png (not committed) for a person to look at.
"""

import pytest
from django.conf import settings

from events.enums import OrganizationKind
from registrations.models import Registration
from registrations.services import delegations
from tests.e2e.test_new_organizer import snap
from tests.e2e.test_trust_pages import unnamed_controls
from tests.factories import ConferenceFactory, OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIVE = """Ana Lima, ana@example.org, BR
Omar Haddad; omar@example.org; Lebanon; observer
Zeynep Kaya\tzeynep@example.org\tTR
ليلى خوري, layla@example, LB
Արամ Սարգսյան, aram@example.org, AM"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_contact_registers_five_delegates_changes_one_and_withdraws_one(browser, live_server, language):
    conference = ConferenceFactory(title="International Solidarity Conference", capacity=4)
    party = OrganizationFactory(name="حزب العمال", kind=OrganizationKind.PARTY, country="LB")
    delegation, token = delegations.create_delegation(
        conference,
        organization=party,
        contact_name="Rania",
        contact_email="rania@example.org",
        language=language,
    )
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page = context.new_page()

    page.goto(f"{live_server.url}/d/{token}/")
    page.locator("#id_delegates").fill(FIVE)
    with page.expect_navigation():
        page.locator("main form.panel button[type=submit]").click()
    snap(page, f"delegation-01-one-line-refused-{language}")
    assert page.locator("[role=alert] li").count() == 1  # line 4: the address is not one
    assert page.locator("#id_delegates").input_value() == "ليلى خوري, layla@example, LB"
    page.locator("#id_delegates").fill("ليلى خوري, layla@example.org, LB")
    with page.expect_navigation():
        page.locator("main form.panel button[type=submit]").click()

    delegates = Registration.objects.filter(delegation=delegation)
    assert delegates.count() == 5
    assert sorted(delegates.values_list("status", flat=True)) == ["confirmed"] * 4 + ["waitlisted"]
    snap(page, f"delegation-02-five-{language}")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == (
        language,
        "rtl" if language == "ar" else "ltr",
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert unnamed_controls(page) == []

    omar = delegates.get(email="omar@example.org")
    item = page.locator(f"#delegate-{omar.pk}")
    item.locator("summary").click()
    item.locator("input[name=full_name]").fill("Omar Haddad Khalil")
    item.locator("select[name=role]").select_option("delegate")
    with page.expect_navigation():
        item.locator("form").first.locator("button").click()
    snap(page, f"delegation-02b-after-change-{language}")
    omar.refresh_from_db()
    assert (omar.full_name, omar.role) == ("Omar Haddad Khalil", "delegate")

    ana = delegates.get(email="ana@example.org")
    item = page.locator(f"#delegate-{ana.pk}")
    item.locator("summary").click()
    with page.expect_navigation():
        item.locator("form").last.locator("button").click()
    snap(page, f"delegation-03-changed-and-withdrawn-{language}")
    ana.refresh_from_db()
    assert ana.status == "cancelled"
    assert delegates.filter(status="confirmed").count() == 4  # the waiting delegate took the seat
    assert page.locator(f"#delegate-{ana.pk} details").count() == 0  # nothing more to do for Ana
    context.close()
