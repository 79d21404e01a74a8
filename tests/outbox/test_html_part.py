"""Every mail has an HTML part beside its text, saying the same thing in the site's look, right to left for
Arabic and Persian readers. Checked on the mail as an SMTP server receives it, read by Python's email
package, and the HTML part drawn by Chromium."""

# ruff: noqa: RUF001 - the Turkish dotless i in the names is meant

from html.parser import HTMLParser

import pytest
from django.conf import settings

from outbox import delivery
from outbox.models import OutboxMessage
from outbox.rendering import Line, paragraphs
from registrations.notifications import send_status_mail
from tests.factories import ConferenceFactory, RegistrationFactory
from tests.mail import write_queued

pytestmark = pytest.mark.django_db

TITLE = "Uluslararası Konferans · المؤتمر الدولي"
SENDER = "Konferans Sekreteryası"
TOKEN = "personal-token-of-ana"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs = []
        self.text = []
        self.root = {}

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.root = dict(attrs)
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])

    def handle_data(self, data):
        self.text.append(data)


def sent_mail(smtp_sink, language: str):
    conference = ConferenceFactory(title=TITLE, mail_sender_name=SENDER)
    registration = RegistrationFactory(
        conference=conference, email=f"ana-{language}@example.org", language=language
    )
    send_status_mail(registration, token=TOKEN)
    write_queued()
    row = OutboxMessage.objects.get(recipient=registration.email)
    text = row.body_text
    delivery.deliver([row.pk])
    (received,) = smtp_sink.received
    return received, text


def parts_by_type(message) -> dict:
    parts = {}
    for part in message.walk():
        if part.get_content_maintype() == "text" and part.get_filename() is None:
            parts[part.get_content_type()] = part.get_content()
    return parts


@pytest.mark.parametrize("language", ["ar", "fa", "tr", "en"])
def test_the_html_part_says_what_the_text_says_with_its_links(smtp_sink, language):
    received, stored_text = sent_mail(smtp_sink, language)

    parts = parts_by_type(received)
    assert set(parts) == {"text/plain", "text/html", "text/calendar"}
    html = Links()
    html.feed(parts["text/html"])
    assert html.root == {"lang": language, "dir": "rtl" if language in {"ar", "fa"} else "ltr"}
    shown = " ".join(" ".join(html.text).split())
    for paragraph in paragraphs(parts["text/plain"]):
        for line in paragraph:
            assert " ".join(line.text.split()) in shown
    personal_link = f"{settings.SITE_URL}/r/{TOKEN}/"
    assert personal_link in parts["text/plain"]
    assert personal_link in html.hrefs
    assert SENDER in shown  # the conference's sender name heads the mail
    # The stored copy keeps no HTML: it is made from the text when sent, and the token is gone from both.
    row = OutboxMessage.objects.get()
    assert row.body_html == ""
    assert TOKEN not in row.body_text and TOKEN in stored_text


def test_a_text_that_names_html_stays_text_in_the_html_part(smtp_sink):
    conference = ConferenceFactory(title="<b>Workers</b> & <script>alert(1)</script>")
    registration = RegistrationFactory(conference=conference, email="ana@example.org")
    send_status_mail(registration, token=TOKEN)
    delivery.deliver([OutboxMessage.objects.get().pk])

    html = parts_by_type(smtp_sink.received[0])["text/html"]

    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;Workers&lt;/b&gt; &amp; &lt;script&gt;" in html


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        ("no address here", [("no address here", False)]),
        ("https://example.org/r/abc/", [("https://example.org/r/abc/", True)]),
        (
            "Subscribe to: https://example.org/c/x/program.ics.",
            [("Subscribe to: ", False), ("https://example.org/c/x/program.ics", True), (".", False)],
        ),
        (
            "(see https://example.org/a?b=1&c=2)",
            [("(see ", False), ("https://example.org/a?b=1&c=2", True), (")", False)],
        ),
    ],
)
def test_a_line_is_cut_into_text_and_addresses_without_the_sentence_punctuation(line, pieces):
    assert [(piece.text, piece.is_address) for piece in Line(line).pieces] == pieces


@pytest.mark.browser
@pytest.mark.parametrize("language", ["ar", "fa", "en"])
def test_chromium_draws_the_html_part_in_the_reader_direction_without_sideways_scrolling(
    smtp_sink, chromium_path, request, language, tmp_path
):
    received, _ = sent_mail(smtp_sink, language)
    html = parts_by_type(received)["text/html"]
    # Started after the database work: under Playwright's event loop Django would open another connection.
    browser = request.getfixturevalue("browser")

    for width in (375, 800):
        page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
        page.set_content(html)
        page.screenshot(path=str(tmp_path / f"mail-{language}-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        paragraph = page.locator("p").first
        assert paragraph.evaluate("p => getComputedStyle(p).direction") == (
            "rtl" if language in {"ar", "fa"} else "ltr"
        )
        button = page.locator(f'a[href$="/r/{TOKEN}/"]')
        assert button.count() == 1
        box, body = button.bounding_box(), page.locator("table table").bounding_box()
        start_gap = (
            (body["x"] + body["width"]) - (box["x"] + box["width"])
            if language != "en"
            else box["x"] - body["x"]
        )
        assert 0 <= start_gap <= 40, "the button starts at the reader's side of the mail"
        assert button.evaluate("a => getComputedStyle(a).backgroundColor") == "rgb(164, 22, 26)"
        # An address inside a sentence keeps its own left-to-right order in an Arabic or Persian line.
        inline = page.locator('a[href$="/program.ics"]')
        assert inline.evaluate("a => [getComputedStyle(a).direction, getComputedStyle(a).unicodeBidi]") == [
            "ltr",
            "isolate",
        ]
        page.context.close()
