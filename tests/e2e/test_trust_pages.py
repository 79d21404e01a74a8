"""The pages issue 12 (trust) added or changed, in Chromium: English, Arabic and Persian, on a phone
(375 px) and a desk (1280 px), with names in Arabic, Persian, Turkish and Greek and long organization
names. Each page must keep to its width, turn right-to-left in Arabic and Persian, have its heading,
and give every form control an accessible name (as Chromium computes it).

Screenshots land in tests/e2e/screenshots/trust-*.png (not committed) for a person to look at.
"""

# The names are Turkish, Greek, Arabic and Persian on purpose: their letters only look like Latin ones.
# ruff: noqa: RUF001

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from events.enums import OrganizationKind, TeamRole
from events.models import ConferenceOrganizer
from events.services.organizations import propose_organization_change
from outbox.enums import MessageStatus
from outbox.models import OutboxMessage
from proceedings.services import amendments, declarations
from proceedings.services import documents as document_services
from program.models import SessionMaterial, SessionPerson, Star
from program.services import create_session
from registrations.enums import ParticipantRole
from registrations.models import RegistrationLink
from registrations.notifications import send_status_mail
from registrations.services import new_link
from tests.e2e.test_new_organizer import snap
from tests.factories import (
    CampaignFactory,
    CampaignMessageFactory,
    CampaignRecipientFactory,
    ConferenceFactory,
    MembershipFactory,
    OrganizationFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.mail import write_queued
from tests.proceedings.documents import document, pdf
from tests.program.test_program import at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "ar", "fa"]
WIDTHS = [375, 1280]
VIEWS = [(language, width) for language in LANGUAGES for width in WIDTHS]

# Roles whose elements a person operates, and so must be named for a screen reader.
CONTROL_ROLES = {"button", "textbox", "searchbox", "combobox", "listbox", "checkbox", "radio", "spinbutton"}

PARTY = "Türkiye İşçi Partisi Uluslararası İlişkiler ve Dayanışma Komisyonu"
UNION = "الاتحاد العام لنقابات عمال فلسطين – فرع لبنان والمهجر (المكتب الدولي)"
GREEK_UNION = "Πανελλαδική Ομοσπονδία Εργαζομένων στις Συγκοινωνίες και τις Μεταφορές (ΠΟΕΣΜ)"
PROPOSED = "اتحادیه سراسری کارگران ساختمانی تهران و حومه (کمیته بین‌المللی)"
SESSION_TITLE = "مؤتمر السلام 2027: تقرير اللجنة (مسودة)"
DOCUMENT_TITLE = "Report of the Balkan unions on the war (draft)"

PEOPLE = [  # (name, country); France is not among them: the threshold folds Lebanon, Iran and Egypt
    ("Ayşe Gül Yıldırımoğlu", "TR"), ("Mehmet Çağlar Öztürk", "TR"), ("Şükrü Işık", "TR"),
    ("Zeynep Kılıç", "TR"),
    ("Γεώργιος Παπαδόπουλος", "GR"), ("Ελένη Χατζηδάκη", "GR"), ("Δημήτρης Κωνσταντινίδης", "GR"),
    ("محمد عبد الرحمن الحسيني", "LB"), ("ليلى خوري", "LB"),
    ("فاطمه رضایی‌نژاد", "IR"),
    ("أحمد سعيد", "EG"),
]  # fmt: skip


@dataclass
class World:
    conference: object
    owner: object
    editable: object
    foreign: object
    session: object
    document: object
    ended_token: str


@pytest.fixture
def world():
    cache.clear()  # the suggestion and link-renewal rate limits
    owner = MembershipFactory(
        role=TeamRole.OWNER,
        user__full_name="Leyla Şahin",
        conference__title="Uluslararası Savaş Karşıtı Konferans — International Conference against the War",
        conference__interpretation_languages=["ar", "fa", "tr", "el"],
    )
    conference = owner.conference
    editable = OrganizationFactory(
        name=PARTY, kind=OrganizationKind.PARTY, country="TR", created_by_conference=conference,
        languages=["tr", "ku"], contact_email="uluslararasi.iliskiler@tip-dayanisma-komisyonu.example.org",
    )  # fmt: skip
    foreign = OrganizationFactory(
        name=UNION, kind=OrganizationKind.TRADE_UNION, country="LB", languages=["ar"],
        website="https://example.org/general-federation-of-palestinian-trade-unions/lebanon",
    )  # fmt: skip
    greek = OrganizationFactory(name=GREEK_UNION, kind=OrganizationKind.TRADE_UNION, country="GR")
    OrganizationFactory(name="حزب توده ایران", kind=OrganizationKind.PARTY, country="IR", languages=["fa"])
    ConferenceOrganizer.objects.create(conference=conference, organization=greek)
    propose_organization_change(foreign, proposed_by=owner.user, website="https://example.org/gfptu")

    organizations = {"TR": editable, "GR": greek, "LB": foreign}
    for number, (name, country) in enumerate(PEOPLE):
        RegistrationFactory(
            conference=conference, full_name=name, country=country, public_name=number % 2 == 0,
            organization=organizations.get(country), role=ParticipantRole.DELEGATE,
            email=f"{country.lower()}.{number}.international-relations@example.org",
            checked_in_at=timezone.now() if number == 0 else None,
        )  # fmt: skip
    conference.registrations.filter(country="IR").update(
        proposed_organization_name=PROPOSED,
        proposed_organization_kind=OrganizationKind.TRADE_UNION,
        accessibility_needs="صندلی چرخدار و دسترسی بدون پله؛ wheelchair access to the main hall",
    )

    session = create_session(
        conference, title=SESSION_TITLE, starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 11)
    )
    for name in ("محمد عبد الرحمن الحسيني", "Ελένη Χατζηδάκη", "Ayşe Gül Yıldırımoğlu"):
        SessionPerson.objects.create(session=session, name=name)
    material = SessionMaterial(session=session, title="Slides", file_kind="pdf", file_size=9)
    material.file.save("slides.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    Star.objects.create(user=UserFactory(), session=session)

    made = document(conference, title=DOCUMENT_TITLE, authors="Γεώργιος Παπαδόπουλος", language="el")
    document_services.add_translation(made, language="fa", upload=pdf(), by_submitter=False)

    declaration = declarations.create_declaration(
        conference, title="Διακήρυξη κατά του πολέμου", language="el",
        text="Η διάσκεψη καταδικάζει τον πόλεμο.\n\nΟι εργάτες δεν έχουν πατρίδα να υπερασπιστούν.",
    )  # fmt: skip
    declarations.set_published(
        amendments.record_final_vote(declaration, adopted=True, by_consensus=True), True
    )

    ended_on = date.today() - timedelta(days=settings.PERSONAL_LINK_DAYS_AFTER_CONFERENCE + 10)
    past = ConferenceFactory(
        title="Past conference", starts_on=ended_on - timedelta(days=1), ends_on=ended_on
    )
    ended_token = new_link(RegistrationFactory(conference=past, full_name="ليلى خوري"))
    RegistrationLink.objects.update(created_at=timezone.now() - timedelta(days=400))
    return World(conference, owner, editable, foreign, session, made, ended_token)


@pytest.fixture
def session_cookie(client, world):
    client.force_login(world.owner.user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def open_page(browser, live_server, language: str, width: int, session_cookie: str | None = None):
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 900})
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    if session_cookie:
        cookies.append(
            {"name": settings.SESSION_COOKIE_NAME, "value": session_cookie, "url": live_server.url}
        )
    context.add_cookies(cookies)
    return context.new_page()


def unnamed_controls(page) -> list[str]:
    """The controls on the page without an accessible name, as Chromium's accessibility tree has them."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
        unnamed = []
        for node in nodes:
            role = node.get("role", {}).get("value")
            if node.get("ignored") or role not in CONTROL_ROLES:
                continue
            if not str(node.get("name", {}).get("value", "")).strip():
                described = cdp.send("DOM.describeNode", {"backendNodeId": node["backendDOMNodeId"]})["node"]
                unnamed.append(f"{role} {described['nodeName']} {described.get('attributes', [])}")
        return unnamed
    finally:
        cdp.detach()


def check(page, language: str, width: int, name: str) -> None:
    """What every page must hold, and its screenshot."""
    page.wait_for_load_state("networkidle")
    snap(page, f"trust-{name}-{language}-{width}")
    html = page.locator("html")
    direction = "rtl" if language in settings.LANGUAGES_BIDI else "ltr"
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == (language, direction)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text().strip() != ""
    assert unnamed_controls(page) == []


def look(browser, live_server, path: str, name: str, session_cookie=None, status: int = 200, then=None):
    """Open `path` in every language and width, check it and hand the page to `then` for more."""
    for language, width in VIEWS:
        page = open_page(browser, live_server, language, width, session_cookie)
        response = page.goto(live_server.url + path)
        assert response.status == status
        check(page, language, width, name)
        if then:
            then(page, language, width)
        page.context.close()


def heading_names(name: str):
    def holds(page, language, width):
        assert page.locator("h1 bdi").inner_text() == name

    return holds


def test_the_organization_directory_and_its_forms(browser, live_server, world, session_cookie):
    staff = Client()
    staff.force_login(UserFactory(full_name="Staff", is_staff=True))  # staff see the proposals waiting
    staff_cookie = staff.cookies[settings.SESSION_COOKIE_NAME].value

    look(browser, live_server, "/manage/organizations/", "directory-list", session_cookie)
    look(browser, live_server, "/manage/organizations/", "directory-list-staff", staff_cookie)
    look(browser, live_server, f"/manage/organizations/{world.editable.pk}/edit/", "directory-edit",
         session_cookie, then=heading_names(f"{PARTY} (TR)"))  # fmt: skip
    look(browser, live_server, f"/manage/organizations/{world.foreign.pk}/edit/", "directory-propose",
         session_cookie, then=heading_names(f"{UNION} (LB)"))  # fmt: skip


def test_the_registration_list_with_a_proposed_organization_and_accessibility_needs(
    browser, live_server, world, session_cookie
):
    def holds(page, language, width):
        assert page.locator(".sensitive").count() == 1
        assert page.locator("button[formaction*='accept-organization'] bdi").inner_text() == PROPOSED

    look(browser, live_server, f"/manage/c/{world.conference.slug}/registrations/", "registrations",
         session_cookie, then=holds)  # fmt: skip

    page = open_page(browser, live_server, "en", 1280, session_cookie)
    page.goto(f"{live_server.url}/manage/c/{world.conference.slug}/registrations/")
    page.get_by_role("button", name=f"Add {PROPOSED} to the directory").click()
    assert page.locator("td", has_text=PROPOSED).locator(".badge").count() == 0
    page.context.close()


def test_the_check_in_desk(browser, live_server, world, session_cookie):
    def shows_needs(page, language, width):
        assert page.locator(".sensitive").count() == 1

    look(browser, live_server, f"/manage/c/{world.conference.slug}/registrations/check-in/?q=example",
         "check-in", session_cookie, then=shows_needs)  # fmt: skip


def test_deleting_a_session_and_a_document_and_the_history(browser, live_server, world, session_cookie):
    base = f"/manage/c/{world.conference.slug}"

    look(browser, live_server, f"{base}/program/{world.session.pk}/delete/", "session-delete", session_cookie,
         then=heading_names(SESSION_TITLE))  # fmt: skip
    look(browser, live_server, f"{base}/documents/{world.document.pk}/delete/", "document-delete",
         session_cookie, then=heading_names(DOCUMENT_TITLE))  # fmt: skip

    page = open_page(browser, live_server, "en", 1280, session_cookie)
    page.goto(f"{live_server.url}{base}/program/{world.session.pk}/delete/")
    page.get_by_role("button", name="Delete the session").click()
    page.goto(f"{live_server.url}{base}/documents/{world.document.pk}/delete/")
    page.get_by_role("button", name="Delete it with its files").click()
    page.context.close()

    def deletions_listed(page, language, width):
        assert sorted(page.locator("td bdi bdi").all_inner_texts()) == sorted([SESSION_TITLE, DOCUMENT_TITLE])

    look(browser, live_server, f"{base}/history/", "history", session_cookie, then=deletions_listed)


def test_the_ended_personal_link(browser, live_server, world):
    def asks_for_a_fresh_link(page, language, width):
        page.locator(".panel form button").click()
        page.wait_for_load_state()
        assert page.locator("[role=status]").count() == 1
        check(page, language, width, "link-ended-asked")

    look(
        browser, live_server, f"/r/{world.ended_token}/", "link-ended", status=410, then=asks_for_a_fresh_link
    )


def test_the_public_participation_page(browser, live_server, world):
    def folds(page, language, width):
        assert page.locator("#by-country ~ .table-wrap tr").count() == 1 + 2 + 1  # head, TR, GR, others

    look(browser, live_server, f"/c/{world.conference.slug}/participation/", "participation", then=folds)


def test_the_public_registration_form(browser, live_server, world):
    def offers(page, language, width):
        roles = page.locator("#id_role option").evaluate_all("options => options.map(option => option.value)")
        assert roles == ["delegate", "observer"]
        page.locator("#id_organization_name").fill("Ομοσπονδία")
        page.locator("#organization-suggestions option").first.wait_for(state="attached")
        assert page.locator("#organization-suggestions option").count() == 1

    look(browser, live_server, f"/c/{world.conference.slug}/register/", "register", then=offers)


def test_the_declarations_print_button(browser, live_server, world):
    def prints(page, language, width):
        page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
        page.locator("[data-print]").click()
        assert page.evaluate("window.printed") == 1

    look(browser, live_server, f"/c/{world.conference.slug}/declarations/", "declarations", then=prints)


def test_the_mail_page_a_mail_and_the_campaign_confirmation(browser, live_server, world, session_cookie):
    conference = world.conference
    registration = conference.registrations.filter(country="IR").first()
    send_status_mail(registration, token="SECRET-TOKEN")
    write_queued()  # as the worker does before sending
    OutboxMessage.objects.filter(conference=conference).update(
        status=MessageStatus.FAILED, attempts=8,
        last_error="SMTPRecipientsRefused: {'x@example.org': (550, b'5.1.1 The account does not exist')}",
    )  # fmt: skip
    mail = OutboxMessage.objects.get(conference=conference)
    campaign = CampaignFactory(conference=conference, name="دعوة أولى — First call")
    CampaignMessageFactory(campaign=campaign, subject="{organization}", body="{name} {link}")
    CampaignRecipientFactory(campaign=campaign, name="", email="nameless@example.org")

    def redacted(page, language, width):
        assert "SECRET-TOKEN" not in page.content() and "[redacted]" in page.content()

    outbox = f"/manage/c/{conference.slug}/outbox/"
    look(browser, live_server, outbox, "mail-list", session_cookie)
    look(browser, live_server, f"{outbox}{mail.pk}/", "mail-detail", session_cookie, then=redacted)
    look(browser, live_server, f"/manage/c/{conference.slug}/invitations/campaigns/{campaign.pk}/send/",
         "campaign-send", session_cookie)  # fmt: skip
