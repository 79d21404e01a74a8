"""A document in a real browser: a participant uploads it, the organizers publish it, anyone downloads it."""

import pytest
from django.test import Client

from events.enums import TeamRole
from proceedings.models import Document
from tests.e2e.test_campaign import signed_in_page
from tests.e2e.test_new_organizer import snap
from tests.factories import MembershipFactory, RegistrationFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

TEXT = "# On the war\n\nA contribution of the Workers' Group.\n"


def test_a_participant_submits_a_document_that_the_organizers_publish(browser, live_server):
    membership = MembershipFactory(role=TeamRole.ORGANIZER, conference__title="Conference against the War")
    conference = membership.conference
    participant = UserFactory(full_name="Rosa Ortiz")
    RegistrationFactory(conference=conference, email=participant.email, full_name="Rosa Ortiz", country="AR")
    base = f"{live_server.url}/c/{conference.slug}/documents"

    page = signed_in_page(browser, Client(), live_server, participant)
    page.goto(f"{base}/submit/")
    page.get_by_label("Title").fill("On the war")
    page.get_by_label("Authors").fill("Rosa Ortiz")
    page.get_by_label("Language:").select_option("en")
    program = {
        "name": "rapport.exe",
        "mimeType": "application/octet-stream",
        "buffer": b"MZ\x90\x00\x03binary",
    }
    page.get_by_label("File").set_input_files(files=[program])
    page.get_by_role("button", name="Submit").click()
    assert page.get_by_text("Its content decides, not its name.").first.is_visible()
    assert not Document.objects.exists()
    page.get_by_label("File").set_input_files(files=[{"name": "on-the-war.md", "mimeType": "text/markdown",
                                                      "buffer": TEXT.encode()}])  # fmt: skip
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("heading", name="On the war").first.wait_for()
    snap(page, "documents-01-mine")
    document = Document.objects.get()
    assert document.status == "submitted" and document.country.code == "AR"

    anonymous = browser.new_context().new_page()
    assert anonymous.goto(f"{base}/{document.pk}/").status == 404

    organizer = signed_in_page(browser, Client(), live_server, membership.user)
    organizer.goto(f"{live_server.url}/manage/c/{conference.slug}/documents/{document.pk}/")
    organizer.get_by_role("button", name="Accept").click()
    organizer.get_by_role("button", name="Publish").click()
    organizer.get_by_text("published", exact=False).first.wait_for()
    snap(organizer, "documents-02-review")

    anonymous.goto(f"{base}/")
    anonymous.get_by_role("link", name="On the war").first.click()
    snap(anonymous, "documents-03-public")
    file_url = anonymous.get_by_role("link", name="English").first.get_attribute("href")
    served = anonymous.request.get(f"{live_server.url}{file_url}")
    assert served.status == 200 and served.body() == TEXT.encode()
    assert served.headers["x-content-type-options"] == "nosniff"
