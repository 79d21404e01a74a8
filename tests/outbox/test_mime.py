"""A mail built from its shape (outbox.mime) is byte for byte the mail build_email() makes, in every
language, for long non-ASCII subjects, names that need quoting or encoding and several reply-to
addresses; a mail with a calendar it leaves to build_email()."""

# ruff: noqa: RUF001 - the Turkish dotless i and the Arabic comma are meant

import re
from email import message_from_bytes, policy
from smtplib import quoteaddr

import pytest
from django.core.mail.message import forbid_multi_line_headers, sanitize_address

from outbox import delivery, mime
from outbox.enums import CalendarMethod
from outbox.models import OutboxMessage
from outbox.services import new_message

pytestmark = pytest.mark.django_db

DATE = "Sat, 07 Nov 2026 10:00:00 -0000"
BOUNDARY = re.compile(rb'boundary="([^"]+)"')
LINK = "https://conferences.example.org/i/0123456789abcdefghij/"

CASES = {
    "en": dict(
        subject="Invitation to the International Conference of the Left",
        text=f"Dear Delegate 7 of Organization 7,\n\nWe invite you.\nAnswer here: {LINK}\n\nThe committee\n",
        to_name="Delegate 7",
    ),
    "ar": dict(
        subject="دعوة إلى المؤتمر الدولي لليسار في زيمروالد، سويسرا، من ٥ إلى ٨ أيلول",
        text=f"عزيزتي سلمى،\n\nندعوكم إلى المؤتمر الدولي.\nيرجى الرد هنا:\n{LINK}\n\nاللجنة المنظمة\n",
        to_name="سلمى العلي",
        sender_name="أمانة المؤتمر",
    ),
    "fa": dict(
        # A long subject in an alphabet that needs encoding, with a zero-width non-joiner and an isolate.
        subject="دعوت\u200cنامه به کنفرانس بین\u200cالمللی \u2068Zimmerwald 2027\u2069"
        " برای همه\u200cی نمایندگان سازمان\u200cها",
        text=f"سلام،\n\nشما دعوت شده‌اید.\n{LINK}\n",
        to_name="Dariush",
    ),
    "tr": dict(
        subject="Uluslararası Konferansa davet: Zimmerwald 2027",
        text=f"Sayın Işıl Yıldız,\r\nKatılım için: {LINK}.\r\nSaygılarımızla",  # CRLF, no final newline
        to_name="Işıl Yıldız",
        sender_name="Konferans Sekreteryası",
        reply_to=["sekreterya@example.org", "ikinci@example.org"],
    ),
    "el": dict(
        subject="Πρόσκληση",
        text=f"Αγαπητή Ελένη,\n\n{LINK}\n",
        to_name='Doe, "Jane" O\'Brien',
    ),
    "hy": dict(
        subject="Hrav\u00e9r " + "long ascii words " * 8,
        # A paragraph typed as one line: over SMTP's 998 bytes, so quoted-printable in both parts.
        text=f"Հարգելի Անի,\n\n{LINK}\n" + "Հայերեն տեքստ " * 80,
        to_name="Անի Պետրոսյան",
        reply_to=["ani@example.org"],
    ),
    "kmr": dict(
        subject="A long ASCII subject that folds over the header line limit of seventy-eight characters",
        text=f"Rêzdar heval,\n\n{LINK}\n",
        to_name="",
    ),
}


def row(language: str, **fields) -> OutboxMessage:
    case = {**CASES[language], **fields}
    return new_message(
        to=case.get("to", f"someone-{language}@example.org"),
        to_name=case["to_name"],
        subject=case["subject"],
        text=case["text"],
        language=language,
        sender_name=case.get("sender_name", ""),
        reply_to=case.get("reply_to", ()),
        idempotency_key=f"test:{language}",
    )


def without_boundary(data: bytes) -> bytes:
    (boundary,) = set(BOUNDARY.findall(data))
    return data.replace(boundary, b"BOUNDARY")


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setattr("django.core.mail.message.formatdate", lambda localtime=False: DATE)
    monkeypatch.setattr(mime, "formatdate", lambda localtime=False: DATE)


def both(message: OutboxMessage) -> tuple[bytes, mime.WireMail]:
    email = delivery.build_email(message)
    reference = email.message().as_bytes(linesep="\r\n")
    shape = mime.MailShape.of(message)
    return reference, shape.wire_mail(message, html=delivery.html_part(message))


@pytest.mark.parametrize("language", sorted(CASES))
def test_a_mail_built_from_its_shape_is_the_bytes_that_build_email_makes(language):
    message = row(language)

    reference, wire = both(message)

    assert without_boundary(wire.data) == without_boundary(reference)
    parsed = message_from_bytes(wire.data, policy=policy.default)
    assert parsed["Subject"] == message.subject  # unfolded without a space before it
    assert parsed.get_body(("plain",)).get_content().splitlines() == message.body_text.splitlines()


@pytest.mark.parametrize("language", sorted(CASES))
@pytest.mark.parametrize(
    "address", ["ana.maria+zw@example.org", "Ana_B-2@Mail.Example.org", '"ana b"@example.org']
)
def test_its_envelope_is_the_one_smtplib_sends_for_django(language, address):
    message = row(language, to=address)
    email = delivery.build_email(message)

    _reference, wire = both(message)

    # smtplib sends the address it parses out of what it is given (quoteaddr): from Django's backend
    # the sanitized "Name <address>".
    assert quoteaddr(wire.sender) == quoteaddr(sanitize_address(email.from_email, "utf-8"))
    assert [quoteaddr(recipient) for recipient in wire.recipients] == [
        quoteaddr(sanitize_address(recipient, "utf-8")) for recipient in email.recipients()
    ]


@pytest.mark.parametrize(
    "value",
    [
        "Sat, 07 Nov 2026 10:00:00 -0000",
        "<0123456789abcdef0123456789abcdef@conferences.example.org>",
        "<0123456789abcdef0123456789abcdef@a-much-longer-conference-site.example.org>",
        "Delegate 7 <delegate7@example.org>",
        '"Doe, Jane" <jane@example.org>',
        "x" * 66,  # "Subject: " and this: 75 characters
        "x" * 69,  # 78, the line's limit
        "x" * 70,
        "words;separated,by  two spaces and\ttabs " * 2,
        " leading space",
        "trailing space ",
        "",
    ],
)
@pytest.mark.parametrize("name", ["Subject", "To", "Message-ID"])
def test_a_header_is_folded_as_djangos_message_and_pythons_generator_fold_it(name, value):
    assert mime.header(name, value) == mime.WIRE.fold_binary(*forbid_multi_line_headers(name, value, "utf-8"))


def test_one_shape_serves_every_recipient_of_a_send():
    first, second = row("ar"), row("ar", to="other@example.org", to_name="Ahmad", text=f"مرحبا\n{LINK}\n")
    shape = mime.MailShape.of(first)

    assert mime.MailShape.of(second) == shape
    for message in (first, second):
        wire = shape.wire_mail(message, html=delivery.html_part(message))
        reference = delivery.build_email(message).message().as_bytes(linesep="\r\n")
        assert without_boundary(wire.data) == without_boundary(reference)


def test_a_calendar_is_left_to_build_email():
    with_calendar = row("en")
    with_calendar.calendar, with_calendar.calendar_method = "BEGIN:VCALENDAR\r\n", CalendarMethod.REQUEST

    assert mime.MailShape.of(with_calendar) is None
