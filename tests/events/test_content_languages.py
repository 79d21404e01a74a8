# ruff: noqa: RUF001 (Turkish and Greek texts)
"""Texts the organizers write in several languages: each reader gets theirs, with a marked fallback, in
pages, feeds, exports and mails; the organizers' forms have a group per language and lose none."""

import json

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from common.content import localized
from events.models import Conference
from events.services.conferences import update_conference
from outbox.models import OutboxMessage
from registrations import services as registration_services
from tests.factories import (
    ConferenceFactory,
    MembershipFactory,
    RoomFactory,
    SessionFactory,
    TrackFactory,
    UserFactory,
)
from tests.mail import write_queued

pytestmark = pytest.mark.django_db


def three_language_conference(**fields) -> Conference:
    """Entered in Arabic, Turkish and English, in that order of working languages."""
    conference = ConferenceFactory(working_languages=["ar", "tr", "en"], **fields)
    conference.title_ar, conference.title_tr = "مؤتمر السلام", "Barış Konferansı"
    conference.title_en = "Peace"
    conference.tagline_tr = "Yalnız Türkçe"
    conference.save()
    return conference


def test_a_reader_gets_their_language_then_the_working_languages_in_order_then_any():
    conference = three_language_conference()
    conference.refresh_from_db()

    assert (localized(conference, "title", "tr"), localized(conference, "title", "tr").language) == (
        "Barış Konferansı",
        "tr",
    )
    # French is not written: the first working language, Arabic, comes before English.
    assert localized(conference, "title", "fr").language == "ar"
    # Only Turkish has a tagline: every reader gets it, marked Turkish.
    assert localized(conference, "tagline", "en").language == "tr"
    with translation.override("en"):
        assert conference.title == "Peace"
        assert conference.title.language == "en"
    # A text in none of the working languages is still found.
    conference.title_ar = conference.title_tr = conference.title_en = ""
    conference.title_el = "Συνέδριο"
    assert localized(conference, "title", "fr") == "Συνέδριο"


def test_the_plain_column_and_the_history_keep_the_first_working_language_whatever_the_page_language():
    conference = three_language_conference()
    with translation.override("tr"):
        conference.venue_tr = "İstanbul"
        conference.save()
    conference.refresh_from_db()

    # (modeltranslation reads `title` in a query as the active language's column: rewrite(False) reads it.)
    stored = Conference.objects.rewrite(False).filter(pk=conference.pk).values_list("title", flat=True).get()
    assert stored == "مؤتمر السلام"
    titles = [record.title for record in conference.history.order_by("history_date")]
    assert titles[1:] == ["مؤتمر السلام", "مؤتمر السلام"], "saving in another language is no change of title"


def test_the_conference_page_marks_each_text_with_its_language_and_direction(client):
    conference = three_language_conference()

    arabic = client.get(conference.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    french = client.get(conference.get_absolute_url() + "?lang=fr").content.decode()

    assert '<h1><bdi lang="ar" dir="rtl">مؤتمر السلام</bdi></h1>' in arabic
    # The French reader falls back to the first working language, marked as such.
    assert '<h1><bdi lang="ar" dir="rtl">مؤتمر السلام</bdi></h1>' in french
    assert '<bdi lang="tr" dir="ltr">Yalnız Türkçe</bdi>' in french
    english = client.get(conference.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<h1><bdi lang="en" dir="ltr">Peace</bdi></h1>' in english


def test_a_description_in_markdown_comes_in_a_block_marked_with_its_language(client):
    conference = ConferenceFactory(working_languages=["en", "ar"], description="")
    conference.description_en = "An **English** description."
    conference.save()

    page = client.get(conference.get_absolute_url() + "?lang=ar").content.decode()

    assert '<div lang="en" dir="ltr"><p>An <strong>English</strong> description.</p>' in page


def test_program_ics_and_the_schedule_come_in_the_asked_language_each_with_its_own_etag(client):
    conference = three_language_conference()
    session = SessionFactory(conference=conference, title="")
    session.title_ar, session.title_en = "الجلسة الافتتاحية", "Opening"
    session.save()
    url = reverse("program:program-ics", kwargs={"slug": conference.slug})

    arabic = client.get(url + "?lang=ar")
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    unasked = client.get(url)

    summaries = {
        name: [str(event["SUMMARY"]) for event in Calendar.from_ical(response.content).walk("VEVENT")]
        for name, response in {"ar": arabic, "en": english, "fr": french, "none": unasked}.items()
    }
    assert "الجلسة الافتتاحية" in summaries["ar"]
    assert "Opening" in summaries["en"]
    assert "الجلسة الافتتاحية" in summaries["fr"], "French falls back to the first working language"
    assert "الجلسة الافتتاحية" in summaries["none"], "no language asked: the conference's first one"
    assert len({arabic["ETag"], english["ETag"], french["ETag"]}) == 3
    assert {"Accept-Language", "Cookie"} <= {part.strip() for part in arabic["Vary"].split(",")}
    assert english["Content-Language"] == "en"
    # A client holding the English version is not told that the Arabic one is the same.
    assert client.get(url + "?lang=ar", HTTP_IF_NONE_MATCH=english["ETag"]).status_code == 200
    assert client.get(url + "?lang=en", HTTP_IF_NONE_MATCH=english["ETag"]).status_code == 304

    schedule = json.loads(
        client.get(reverse("program:schedule-json", kwargs={"slug": conference.slug}) + "?lang=tr").content
    )
    events = [event for day in schedule["schedule"]["conference"]["days"] for room in day["rooms"].values()
              for event in room]  # fmt: skip
    assert schedule["schedule"]["conference"]["title"] == "Barış Konferansı"
    assert [event["title"] for event in events] == ["الجلسة الافتتاحية"]


def test_the_program_filter_by_track_finds_a_track_named_in_another_language(client):
    conference = ConferenceFactory(working_languages=["en"])
    track = TrackFactory(conference=conference, name="Economy")
    SessionFactory(conference=conference, track=track, title="Wages")
    url = reverse("program:session-list", kwargs={"slug": conference.slug})

    page = client.get(url + "?lang=fr&track=Economy").content.decode()

    assert "Wages" in page


def test_the_confirmation_mail_gives_the_titles_in_the_registrants_language():
    conference = three_language_conference(status="published")

    registration_services.register(
        conference, full_name="Leyla", email="leyla@example.org", country="TR", language="tr"
    )
    registration_services.register(
        conference, full_name="Pierre", email="pierre@example.org", country="FR", language="fr"
    )
    write_queued()  # as the worker does before sending

    turkish = OutboxMessage.objects.get(recipient="leyla@example.org")
    french = OutboxMessage.objects.get(recipient="pierre@example.org")
    assert "Barış Konferansı" in turkish.subject
    assert "مؤتمر السلام" in french.subject


@pytest.fixture
def details_page(client):
    """The details form of a conference in Arabic, Turkish and English, its owner signed in."""
    conference = three_language_conference()
    owner = UserFactory()
    MembershipFactory(conference=conference, user=owner, role="owner")
    client.force_login(owner)
    return conference, reverse("events:manage-conference-edit", kwargs={"slug": conference.slug})


def test_the_details_form_has_a_group_per_working_language_and_marks_what_is_missing(client, details_page):
    _conference, url = details_page

    page = client.get(url + "?lang=en").content.decode()

    for code, direction in (("ar", "rtl"), ("tr", "ltr"), ("en", "ltr")):
        assert f'lang="{code}" dir="{direction}"' in page
        assert f'name="title_{code}"' in page
    # The tagline is written in Turkish only: Arabic and English are marked as lacking it.
    assert page.count("Missing in this language: Tagline") == 2


def test_editing_one_language_keeps_the_others(client, details_page):
    conference, url = details_page
    form = client.get(url).context["form"]
    data = {}
    for name, bound in form._bound_items():
        value = bound.value()
        if value in (None, False):
            continue
        data[name] = value
    data["title_tr"] = "Barış ve Dayanışma Konferansı"

    response = client.post(url + "?lang=tr", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    conference.refresh_from_db()
    assert conference.title_tr == "Barış ve Dayanışma Konferansı"
    assert conference.title_ar == "مؤتمر السلام"
    assert conference.title_en == "Peace"
    assert conference.tagline_tr == "Yalnız Türkçe"


def test_a_script_posting_the_plain_name_fills_the_first_language():
    conference = three_language_conference()
    update_conference(conference, title_ar="مؤتمر جديد")
    conference.refresh_from_db()
    assert conference.title_ar == "مؤتمر جديد"

    room = RoomFactory(conference=conference, name="")
    room.name_tr = "Büyük Salon"
    room.save()
    room.refresh_from_db()
    with translation.override("fr"):
        assert str(room.name) == "Büyük Salon"
