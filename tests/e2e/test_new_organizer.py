"""Issue 3's "done when": a new organizer, from sign-up to a published conference, in Chromium.

Screenshots of each step land in tests/e2e/screenshots/ (not committed) for a person to look at.
"""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).parent / "screenshots"


def snap(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def mailed_code() -> str:
    return re.search(r"^([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})?)$", mail.outbox[-1].body, re.MULTILINE).group(1)


def test_new_organizer_publishes_a_conference_with_co_organizers_team_and_meeting(live_server, page):
    page.goto(live_server.url + "/accounts/signup/")
    page.locator("#id_email").fill("new.organizer@example.org")
    page.get_by_label("Full name").fill("Nadia Organizer")
    page.locator("#id_password1").fill("a-long-enough-password")
    page.locator("#id_password2").fill("a-long-enough-password")
    snap(page, "01-signup")
    page.get_by_role("button", name="Sign Up").click()

    page.get_by_label("Code").fill(mailed_code())
    snap(page, "02-confirm-email")
    page.get_by_role("button", name="Confirm").click()

    page.goto(live_server.url + "/manage/")
    assert page.get_by_role("link", name="Create a conference").count() == 0
    call_command("grant_conference_creation", "new.organizer@example.org")  # what site staff do
    page.goto(live_server.url + "/manage/")
    snap(page, "03-workspace-empty")
    page.get_by_role("link", name="Create a conference").click()
    page.get_by_label("Title").fill("Conference for Peace 2027")
    page.get_by_label("First day").fill("2027-06-05")
    page.get_by_label("Last day").fill("2027-06-06")
    page.get_by_label("Time zone").select_option("Europe/Athens")
    page.get_by_label("Description").fill("Two days of **work** on the war and peace.")
    snap(page, "04-create")
    page.get_by_role("button", name="Create the draft").click()
    snap(page, "05-dashboard-draft")

    for name, kind, country in [
        ("Peace Movement of Greece", "movement", "GR"),
        ("Workers' Journal", "journal", "IT"),
    ]:
        page.get_by_role("link", name="Co-organizers", exact=True).click()
        page.get_by_label("Or a new organization: name").fill(name)
        page.get_by_label("Kind").select_option(kind)
        page.get_by_label("Country").select_option(country)
        page.get_by_role("button", name="Add", exact=True).click()
    snap(page, "06-co-organizers")

    page.get_by_role("link", name="Team", exact=True).click()
    page.get_by_label("Email address").fill("colleague@example.org")
    page.locator("#id_role").select_option("viewer")
    page.get_by_role("button", name="Add to the team").click()
    snap(page, "07-team")

    page.get_by_role("link", name="Meetings", exact=True).click()
    page.get_by_role("link", name="Plan a meeting").click()
    page.get_by_label("Title").fill("Preparatory meeting")
    page.get_by_label("Starts").fill("2027-05-15T18:00")
    page.get_by_label("Ends").fill("2027-05-15T20:00")
    page.get_by_label("Place").fill("Athens")
    page.get_by_role("button", name="Save").click()
    snap(page, "08-meeting")

    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.get_by_role("button", name="Publish").click()
    snap(page, "09-dashboard-published")
    assert page.get_by_text("The conference is published.").is_visible()

    page.goto(live_server.url + "/")
    snap(page, "10-home")
    page.get_by_role("link", name="Conference for Peace 2027").click()
    snap(page, "11-conference")

    called_by = page.locator(".co-organizers li").all_inner_texts()
    assert called_by == ["Peace Movement of Greece (Greece)", "Workers' Journal (Italy)"]
    assert page.locator("h1").inner_text() == "Conference for Peace 2027"
