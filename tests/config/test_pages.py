import logging
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.test import Client
from django.urls import path

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("kaboom in a view")


def fine(request):
    return HttpResponse("fine")


urlpatterns = [path("boom/", boom), path("fine/", fine)]


def html_tag(page: str) -> str:
    """The <html> tag's lang and dir, as '<html lang="ar" dir="rtl">'."""
    lang, direction = re.search(r'<html lang="([^"]*)" dir="([^"]*)"', page).groups()
    return f'<html lang="{lang}" dir="{direction}">'


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar", '<html lang="ar" dir="rtl">'),
        ("fa", '<html lang="fa" dir="rtl">'),
        ("en", '<html lang="en" dir="ltr">'),
        ("tr", '<html lang="tr" dir="ltr">'),
        ("kmr", '<html lang="kmr" dir="ltr">'),
        ("hy", '<html lang="hy" dir="ltr">'),
    ],
)
def test_page_sets_lang_and_direction_from_the_language_cookie(client, language, expected):
    client.cookies["django_language"] = language

    assert html_tag(client.get("/").content.decode()) == expected


def test_language_switcher_offers_the_eleven_languages_in_their_own_names(client):
    page = client.get("/").content.decode()

    options = re.findall(r'<option value="([a-z]+)" lang="\1"', page)
    assert options == ["tr", "en", "ar", "fa", "it", "el", "kmr", "hy", "es", "fr", "pt"]
    assert '<option value="kmr" lang="kmr">Kurmancî</option>' in page
    assert '<label for="language-select">' in page


def test_language_switch_to_kurmanji_is_remembered(client):
    response = client.post("/i18n/setlang/", {"language": "kmr", "next": "/"})

    assert (response.status_code, response["Location"]) == (302, "/")
    assert response.cookies["django_language"].value == "kmr"
    assert html_tag(client.get("/").content.decode()) == '<html lang="kmr" dir="ltr">'


def test_layout_has_landmarks_and_skip_link(client):
    page = client.get("/").content.decode()

    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main" tabindex="-1">' in page
    assert page.count("<header") == 1 and page.count("<footer") == 1
    assert '<nav class="site-nav" aria-label="Account">' in page


def test_htmx_and_css_come_from_our_static_files(client):
    page = client.get("/").content.decode()

    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert scripts == [
        "/static/django_htmx/htmx-2.min.js",
        "/static/js/detect-timezone.js",
        "/static/js/local-times.js",
        "/static/js/focus-on-load.js",
        "/static/js/scrolling-tables.js",
        "/static/js/language-picker.js",
    ]
    assert styles == ["/static/css/site.css"]
    assert finders.find("django_htmx/htmx-2.min.js") is not None
    assert finders.find("css/site.css") is not None


def test_unknown_url_gets_the_styled_404(client):
    response = client.get("/no/such/page/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in page
    assert 'href="/static/css/site.css"' in page


@pytest.mark.urls("tests.config.test_pages")
def test_server_error_gets_the_styled_500_and_logs_the_traceback(caplog):
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/boom/")

    page = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in page
    assert "kaboom" not in page and "Traceback" not in page
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info[0] is RuntimeError
    assert "kaboom in a view" in caplog.text


def test_health_check_answers_without_host_validation(client):
    response = client.get("/healthz", HTTP_HOST="not-an-allowed-host.internal")

    assert (response.status_code, response.content) == (200, b"ok\n")


def test_health_check_reports_an_unreachable_database(client, monkeypatch):

    def refuse():
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)

    response = client.get("/healthz")

    assert (response.status_code, response.content) == (503, b"database unavailable\n")


def test_favicon_ico_leads_to_the_sites_icon_that_every_page_links(client):
    page = client.get("/").content.decode()

    response = client.get("/favicon.ico")

    assert re.findall(r'<link rel="icon"[^>]*>', page) == [
        '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'
    ]
    assert (response.status_code, response["Location"]) == (302, "/static/favicon.svg")
    icon = Path(finders.find("favicon.svg")).read_text()
    assert icon.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "#a4161a" in icon
