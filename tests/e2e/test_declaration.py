"""The declaration's life in a real browser: drafted, amended by two delegates, decided, adopted,
compared with the draft, published and printed to PDF."""

import io

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from demo import conference as demo
from events.enums import TeamRole
from registrations.enums import ParticipantRole
from tests.e2e.test_campaign import signed_in_page
from tests.e2e.test_new_organizer import SCREENSHOTS, snap
from tests.factories import MembershipFactory, RegistrationFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

DRAFT = """**Against the war.** The conference condemns the war.

**The causes of the war.** It names the interests the war serves.

**The tasks of the workers' movement.** The organizations act together.

**Solidarity across the front lines.** Greetings to all who refuse the war.

**Towards an international campaign.** The work goes on."""


def delegate(conference, name: str):
    user = UserFactory(full_name=name)
    RegistrationFactory(
        conference=conference, email=user.email, full_name=name, role=ParticipantRole.DELEGATE
    )
    return user


def propose(
    page, base: str, declaration_url: str, paragraph: int, kind: str, text: str, rationale: str
) -> None:
    page.goto(f"{base}{declaration_url}")
    page.get_by_role("link", name=f"Amend paragraph {paragraph}").click()
    page.get_by_label({"replace": "Replace the paragraph", "insert": "Insert a paragraph after it",
                       "delete": "Delete the paragraph"}[kind]).check()  # fmt: skip
    if text:
        page.get_by_label("Proposed text").fill(text)
    page.get_by_label("Rationale").fill(rationale)
    page.get_by_role("button", name="Propose the amendment").click()
    page.get_by_text(f"Your amendment to paragraph {paragraph} is recorded.").wait_for()


def decide(page, row_text: str, outcome: str, votes: dict[str, str]) -> None:
    page.locator("tr", has_text=row_text).get_by_role("link", name="Record the outcome").click()
    page.get_by_label("Outcome").select_option(label=outcome)
    for label, value in votes.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Record the outcome").click()
    page.get_by_text("is recorded.").wait_for()


def test_a_declaration_from_draft_to_printed_text(browser, client, live_server):

    membership = MembershipFactory(
        role=TeamRole.ORGANIZER,
        conference__title="Conference against the War",
        conference__timezone="Europe/Zurich",
    )
    conference = membership.conference
    rosa, karl = delegate(conference, "Rosa Ortiz"), delegate(conference, "Karl Meyer")
    organizer = signed_in_page(browser, client, live_server, membership.user)
    base = live_server.url

    organizer.goto(f"{base}/manage/c/{conference.slug}/declarations/")
    organizer.get_by_role("link", name="Write a draft").click()
    organizer.get_by_label("Title").fill("Declaration against the war")
    organizer.get_by_label("Text").fill(DRAFT)
    organizer.get_by_role("button", name="Save the draft").click()
    organizer.get_by_text("The draft is version 1.").wait_for()
    today = timezone.localtime(timezone.now(), conference.zone)
    organizer.get_by_label("Amendments open").fill(today.replace(hour=0, minute=0).strftime("%Y-%m-%dT%H:%M"))
    organizer.get_by_label("Amendments close").fill(f"{conference.ends_on.isoformat()}T18:00")
    organizer.get_by_role("button", name="Set the window").click()
    organizer.get_by_text("The amendment window is set.").wait_for()
    declaration_url = organizer.get_by_role("link", name="As participants see it").get_attribute("href")

    # Each person signs in with their own client: a second sign-in on one client ends the first.
    first = signed_in_page(browser, Client(), live_server, rosa)
    replacement = "**Against the war.** The conference condemns the war and all who prolong it."
    propose(first, base, declaration_url, 1, "replace", replacement, "Name those who prolong it.")
    propose(first, base, declaration_url, 2, "delete", "", "The causes belong in the report.")
    snap(first, "declaration-01-delegate-view")
    second = signed_in_page(browser, Client(), live_server, karl)
    propose(second, base, declaration_url, 3, "insert", "**Against the war budgets.** No vote for war "
            "credits.", "The report asks for it.")  # fmt: skip

    organizer.reload()
    assert organizer.get_by_text("3 amendments have no outcome yet").is_visible()
    decide(
        organizer, "Replace the paragraph §1", "Adopted", {"For:": "61", "Against:": "4", "Abstentions:": "7"}
    )
    decide(organizer, "Delete the paragraph", "Rejected", {"For:": "9", "Against:": "55"})
    organizer.locator("tr", has_text="Karl Meyer").get_by_role("link", name="Record the outcome").click()
    organizer.get_by_label("Outcome").select_option(label="Adopted as modified")
    organizer.get_by_label("By consensus").check()
    organizer.get_by_label("Text as adopted").fill(
        "**Against the war budgets.** No vote for war credits, anywhere."
    )
    organizer.get_by_role("button", name="Record the outcome").click()
    organizer.get_by_text("is recorded.").wait_for()
    organizer.get_by_label("adopted the declaration").check()
    organizer.get_by_label("For:", exact=True).last.fill("90")
    organizer.get_by_label("In words").last.fill("an overwhelming majority")
    organizer.get_by_role("button", name="Record the final vote").click()
    organizer.get_by_text("The final vote is recorded.").wait_for()
    organizer.get_by_role("button", name="Publish the adopted text").click()
    organizer.get_by_text("The declaration is published.").wait_for()
    snap(organizer, "declaration-02-organizer")

    public = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}).new_page()
    public.goto(f"{base}/c/{conference.slug}/declarations/")
    text = public.locator("article.declaration").inner_text()
    assert "and all who prolong it" in text and "No vote for war credits, anywhere." in text
    assert "The causes of the war." in text  # the deletion was rejected
    assert "61 for, 4 against, 7 abstentions" in text and "by consensus" in text
    assert "90 for · an overwhelming majority" in text
    snap(public, "declaration-03-published")
    public.get_by_role("link", name="Compare the draft with the adopted text").click()
    # count() does not wait: the comparison page may still be loading after the click.
    expect(public.locator(".diff__row--added")).to_have_count(1)
    assert public.locator(".diff__row--changed ins").first.inner_text().strip() == "and all who prolong it"
    snap(public, "declaration-04-diff")

    public.goto(f"{base}/c/{conference.slug}/declarations/")
    public.emulate_media(media="print")
    snap(public, "declaration-05-print")
    SCREENSHOTS.mkdir(exist_ok=True)
    pdf = public.pdf(path=SCREENSHOTS / "declaration.pdf", format="A4", print_background=True)
    printed = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Declaration against the war" in printed and "an overwhelming majority" in printed
    assert "Rosa Ortiz" in printed and "Compare the draft" not in printed and "Sign in" not in printed


@pytest.mark.parametrize(("language", "width"), [("ar", 360), ("en", 1280)])
def test_the_proceedings_pages_fit_a_phone_and_read_right_to_left(browser, live_server, language, width):

    conference = demo.seed_demo().conference
    declaration = conference.declarations.get()
    document = conference.documents.first()
    statement = conference.statements.first()
    context = browser.new_context(locale=language, viewport={"width": width, "height": 800},
                                  extra_http_headers={"Accept-Language": language})  # fmt: skip
    page = context.new_page()
    paths = {
        "conference": conference.get_absolute_url(),
        "declarations": f"/c/{conference.slug}/declarations/",
        "compare": f"/c/{conference.slug}/declarations/{declaration.pk}/compare/?from=1&to=3",
        "documents": f"/c/{conference.slug}/documents/",
        "document": f"/c/{conference.slug}/documents/{document.pk}/",
        "statement": f"/c/{conference.slug}/statements/{statement.pk}/",
    }

    for name, path in paths.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, name
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        snap(page, f"proceedings-{name}-{language}-{width}")
    context.close()
