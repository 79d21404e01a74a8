"""A hybrid conference in Chromium, in English and Arabic: a participant registers during the conference,
opens the join page from the confirmation mail, finds the session that is live, joins it (the browser lands
on the room's meeting link), and the organizer sees the attendance.

Screenshots land in tests/e2e/screenshots/online-*.png (not committed) for a person to look at.
"""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from events.enums import ConferenceFormat, TeamRole
from online.models import Attendance
from tests.e2e.test_new_organizer import snap
from tests.e2e.test_trust_pages import unnamed_controls
from tests.factories import (
    ConferenceFactory,
    InterpretationChannelFactory,
    MembershipFactory,
    RoomFactory,
    SessionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOM_LINK = "https://meet.example.org/plenary-hall"
ARABIC_CHANNEL = "https://meet.example.org/plenary-hall-ar"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_participant_registers_joins_the_live_session_and_the_organizer_sees_it(
    browser, live_server, language
):
    now = timezone.now()
    conference = ConferenceFactory(
        title="مؤتمر التضامن الأممي" if language == "ar" else "International Solidarity Conference",
        format=ConferenceFormat.HYBRID, timezone="Asia/Beirut",
        starts_on=(now - timedelta(days=1)).date(), ends_on=(now + timedelta(days=2)).date(),
    )  # fmt: skip
    room = RoomFactory(conference=conference, name="القاعة الكبرى", online_link=ROOM_LINK)
    live = SessionFactory(conference=conference, room=room, title="Peace and disarmament",
                          starts_at=now - timedelta(minutes=9), ends_at=now + timedelta(hours=1))  # fmt: skip
    InterpretationChannelFactory(session=live, language="ar", link=ARABIC_CHANNEL)
    later = SessionFactory(conference=conference, room=room, title="Workers' rights",
                           starts_at=now + timedelta(hours=3), ends_at=now + timedelta(hours=4))  # fmt: skip

    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    # The meeting service is not on this machine: answer for it, so that the browser can land there.
    context.route("https://meet.example.org/**", lambda route: route.fulfill(body="<title>Meeting</title>"))
    page = context.new_page()

    page.goto(f"{live_server.url}/c/{conference.slug}/register/")
    page.locator("#id_full_name").fill("ليلى خوري")
    page.locator("#id_email").fill("layla@example.org")
    page.locator("#id_country").select_option("LB")
    page.locator("main form button[type=submit]").click()

    join_page = re.search(r"http://[^\s]+/r/[\w-]+/online/", mail.outbox[-1].body).group()
    page.goto(live_server.url + join_page[join_page.index("/r/") :])
    page.wait_for_load_state("networkidle")
    snap(page, f"online-01-join-page-{language}")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == (
        language,
        "rtl" if language == "ar" else "ltr",
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert unnamed_controls(page) == []
    live_item = page.locator(f"#session-{live.uid}")
    assert live_item.locator("button").count() == 2  # join, and the Arabic channel
    assert page.locator(f"#session-{later.uid} button").count() == 0  # not open yet
    assert ROOM_LINK not in page.content()

    live_item.locator("button").first.click()
    page.wait_for_url(ROOM_LINK)
    assert Attendance.objects.get().session == live

    organizer = MembershipFactory(conference=conference, role=TeamRole.ORGANIZER).user
    staff = Client()
    staff.force_login(organizer)
    session_cookie = staff.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session_cookie, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/manage/c/{conference.slug}/online/")
    snap(page, f"online-02-attendance-{language}")
    row = page.locator("tbody tr").filter(has_text="Peace and disarmament")
    assert row.locator("td").last.inner_text().strip() == "1"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
