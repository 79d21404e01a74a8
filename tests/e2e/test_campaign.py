"""An organizer invites many people at once, in Chromium: list, messages, preview, send, progress.

Screenshots land in tests/e2e/screenshots/ (not committed) for a person to look at.
"""

import pytest
from django.conf import settings

from events.enums import OrganizationKind, TeamRole
from events.models import Campaign
from tests.e2e.test_new_organizer import snap
from tests.factories import MembershipFactory, OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECIPIENTS_CSV = b"""email,name,organization,country,language
ana@example.org,Ana Lima,Frente de Trabalhadores,BR,pt
omar@example.org,Omar Haddad,,LB,ar
not-an-address,Broken Row,,,
"""


def signed_in_page(browser, client, live_server, user, **context_options):
    client.force_login(user)
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}, **context_options)
    context.add_cookies([
        {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
         "url": live_server.url},
    ])  # fmt: skip
    return context.new_page()


def test_organizer_runs_a_campaign_from_list_to_delivery(browser, client, live_server, tmp_path):
    membership = MembershipFactory(role=TeamRole.ORGANIZER, conference__title="Conference for Peace 2027",
                                   conference__working_languages=["en", "ar"])  # fmt: skip
    for name, country, languages in [("Partido Obrero", "AR", ["es"]), ("Parti ouvrier", "FR", ["fr"])]:
        OrganizationFactory(name=name, kind=OrganizationKind.PARTY, country=country, languages=languages,
                            contact_email=f"{country.lower()}@example.org")  # fmt: skip
    page = signed_in_page(browser, client, live_server, membership.user)
    base = f"{live_server.url}/manage/c/{membership.conference.slug}"

    page.goto(f"{base}/invitations/")
    page.get_by_role("link", name="Invite many at once: campaigns").click()
    page.get_by_label("Name").fill("First call")
    page.get_by_label("Default language").select_option("en")
    page.get_by_role("button", name="Start the campaign").click()
    detail_url = page.url

    page.get_by_label("Kind").select_option("party")
    page.get_by_role("button", name="Add their contacts").click()
    assert page.get_by_text("2 recipients added.").is_visible()

    page.get_by_role("link", name="Upload a list (CSV)").click()
    csv_file = tmp_path / "recipients.csv"
    csv_file.write_bytes(RECIPIENTS_CSV)
    page.get_by_label("CSV file").set_input_files(csv_file)
    page.get_by_role("button", name="Upload").click()
    assert page.get_by_text('Line 4: email "not-an-address" is not a valid address').is_visible()
    snap(page, "campaign-01-upload-report")

    page.goto(detail_url)
    page.get_by_role("link", name="Write English").click()
    # The help shows the placeholders as they must be typed (lower case), not as the facts' headings.
    shown = page.locator(".facts dt code").all_inner_texts()
    assert shown == ["{name}", "{organization}", "{conference}", "{dates}", "{link}"]
    page.get_by_label("Subject").fill("Invitation to {conference}")
    page.get_by_label("Message").fill(
        "Dear {nam},\n\n{organization} is invited to {conference}, {dates}.\n\n{link}"
    )
    page.get_by_role("button", name="Save the message").click()
    assert page.get_by_text("Unknown placeholder {nam}").is_visible()
    page.get_by_label("Message").fill(
        "Dear {name},\n\n{organization} is invited to {conference}, {dates}.\n\n{link}"
    )
    page.get_by_role("button", name="Save the message").click()
    page.get_by_role("link", name="Write Arabic").click()
    page.get_by_label("Subject").fill("دعوة إلى {conference}")
    page.get_by_label("Message").fill("عزيزي {name}،\n\nندعوكم إلى {conference} ({dates}).\n\n{link}")
    page.get_by_role("button", name="Save the message").click()
    snap(page, "campaign-02-detail-before-sending")

    page.get_by_label("Recipient's email").fill("omar@example.org")
    page.get_by_role("button", name="Preview").click()
    assert page.locator(".mail-preview__body").get_attribute("dir") == "rtl"
    assert "عزيزي Omar Haddad" in page.locator(".mail-preview__body").inner_text()
    snap(page, "campaign-03-preview-arabic")

    page.goto(detail_url)
    page.get_by_role("link", name="Send the invitation to 4 people").click()
    page.get_by_role("heading", name="Send 4 invitations?").wait_for()
    snap(page, "campaign-03-confirm-sending")
    page.get_by_role("button", name="Send 4 invitations").click()
    assert page.get_by_text("4 invitations are on their way.").is_visible()
    assert page.get_by_text("4 sent").is_visible()
    snap(page, "campaign-04-sent")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    snap(page, "campaign-05-phone")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_the_campaign_page_reads_right_to_left_in_arabic(browser, client, live_server):
    membership = MembershipFactory(role=TeamRole.ORGANIZER)

    campaign = Campaign.objects.create(
        conference=membership.conference, name="النداء الأول", default_language="ar"
    )
    page = signed_in_page(browser, client, live_server, membership.user)
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}])

    page.goto(f"{live_server.url}/manage/c/{membership.conference.slug}/invitations/campaigns/{campaign.pk}/")

    assert page.locator("html").get_attribute("dir") == "rtl"
    snap(page, "campaign-06-arabic")
