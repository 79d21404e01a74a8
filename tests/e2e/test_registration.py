"""A participant registers on a phone; the public sees the participation figures and the map.

Screenshots land in tests/e2e/screenshots/ (not committed) for a person to look at.
"""

import pytest
from django.conf import settings
from django.core import mail

from demo import conference as demo
from events.enums import TeamRole
from events.services.invitations import invite
from registrations import services
from registrations.models import Registration
from tests.e2e.test_campaign import signed_in_page
from tests.e2e.test_new_organizer import snap
from tests.factories import ConferenceFactory, MembershipFactory, OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_participant_registers_on_a_phone_picking_the_organization_as_they_type(browser, live_server):
    conference = ConferenceFactory(title="Conference for Peace 2027", capacity=100,
                                   interpretation_languages=["en", "es"])  # fmt: skip
    # Only organizations already public on the conference are suggested: here a co-organizer.
    conference.co_organizers.create(organization=OrganizationFactory(name="Frente Amplio", country="UY"))
    context = browser.new_context(locale="es-ES", viewport={"width": 390, "height": 844})
    page = context.new_page()

    page.goto(f"{live_server.url}/c/{conference.slug}/register/")
    page.locator("#id_full_name").fill("Ana Lima")
    page.locator("#id_email").fill("ana@example.org")
    page.locator("#id_organization_name").press_sequentially("fren", delay=30)
    # A locator, not wait_for_function: that evaluates a string, which the Content-Security-Policy refuses.
    page.locator("#organization-suggestions option").first.wait_for(state="attached")
    assert page.locator("#organization-suggestions option").first.get_attribute("value") == "Frente Amplio"
    page.locator("#id_organization_name").fill("Frente Amplio")
    page.locator("#id_country").select_option("UY")
    snap(page, "registration-01-form-phone")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.locator("main form button[type=submit]").click()

    snap(page, "registration-02-thanks")
    registration = Registration.objects.get()
    assert (registration.organization.name, registration.status) == ("Frente Amplio", "confirmed")
    assert "/r/" in page.url  # on the new registration, at its personal link
    assert overflow <= 0
    context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_participation_page_shows_the_figures_and_the_map(browser, live_server, language):
    conference = demo.seed_demo().conference
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page = context.new_page()

    response = page.goto(f"{live_server.url}/c/{conference.slug}/participation/")
    page.wait_for_load_state("networkidle")

    assert response.status == 200
    assert page.locator("img.world-map").evaluate("image => image.naturalWidth") > 0
    if language == "en":
        assert page.get_by_text("Participants from 26 countries on 5 continents").first.is_visible()
    snap(page, f"registration-03-participation-{language}")
    page.emulate_media(media="print")
    snap(page, f"registration-04-participation-print-{language}")
    context.close()


def test_an_invitee_accepts_in_the_browser_and_registers_with_the_details_filled_in(browser, live_server):

    conference = ConferenceFactory(title="Conference for Peace 2027")
    invite(conference, email="omar@example.org", name="Omar Haddad", country="LB", language="ar")
    link = next(
        line for line in mail.outbox[-1].body.splitlines() if "/i/" in line
    )  # the stored copy is redacted
    page = browser.new_page(viewport={"width": 1280, "height": 900})

    page.goto(live_server.url + link[link.index("/i/") :])
    page.locator("input[value=accepted]").check()
    page.locator("main form button[type=submit]").click()
    snap(page, "registration-05-from-invitation-ar")

    assert page.locator("#id_email").input_value() == "omar@example.org"
    assert page.locator("#id_country").input_value() == "LB"
    page.locator("main form button[type=submit]").click()
    registration = Registration.objects.get()
    assert (registration.full_name, registration.invitation.answer) == ("Omar Haddad", "accepted")
    page.close()


def test_organizers_decide_and_check_in_from_a_phone(browser, client, live_server):
    membership = MembershipFactory(role=TeamRole.ORGANIZER, conference__registration_requires_approval=True,
                                   conference__capacity=2)  # fmt: skip
    conference = membership.conference
    for number, country in enumerate(["BR", "IR", "ZA"]):
        services.register(conference, full_name=f"Participant {number}", email=f"p{number}@example.org",
                          country=country)  # fmt: skip
    page = signed_in_page(
        browser,
        client,
        live_server,
        membership.user,
    )
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/manage/c/{conference.slug}/registrations/")
    for number in range(3):
        page.get_by_label(f"Select Participant {number}").check()
    page.locator("#bulk-action").select_option("approve")
    page.get_by_role("button", name="Apply").click()
    snap(page, "registration-06-organizers-list-phone")
    assert page.get_by_text("3 registrations done.").is_visible()

    page.goto(f"{live_server.url}/manage/c/{conference.slug}/registrations/check-in/")
    page.get_by_label("Name, email or organization").fill("Participant 1")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("button", name="Mark present").click()
    snap(page, "registration-07-check-in-phone")
    assert page.get_by_text("1 present of 2 confirmed").is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
