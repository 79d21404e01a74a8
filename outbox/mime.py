"""A mail's bytes for the SMTP server, with what a send's mails share encoded once.

build_email() (outbox.delivery) makes a mail through Django's EmailMessage and Python's email package,
which fold and encode every header and walk the whole MIME tree for each mail: in a campaign, most of
a worker's time. A campaign's mails share their shape (sender, reply-to addresses, language, no
calendar), so what the shape fixes is encoded once (MailShape) and each mail adds what is its own:
To, Subject, Date, Message-ID, its text and its HTML part. Each piece is encoded by the functions of
Django and of Python's email package that build_email() goes through, and put where their generator
puts it, so that the bytes are build_email()'s (tests/outbox/test_mime.py compares them). A mail with
a calendar attached is built by build_email().
"""

import random
import re
import sys
from dataclasses import dataclass
from email import policy
from email.generator import BytesGenerator
from email.header import Header
from email.utils import formataddr, formatdate, parseaddr
from io import BytesIO

from django.conf import settings
from django.core.mail.message import (
    RFC5322_EMAIL_LINE_LENGTH_LIMIT,
    SafeMIMEText,
    forbid_multi_line_headers,
    sanitize_address,
)
from django.utils.functional import cached_property

CRLF = "\r\n"
# How Django's as_bytes(linesep="\r\n") has Python's generator fold headers.
WIRE = policy.compat32.clone(linesep=CRLF)
NEWLINES = re.compile(r"\r\n|\r|\n")  # what the generator turns into CRLF in a body
FITS = re.compile(r"[!-~]([ !-~]*[!-~])?")  # printable ASCII, spaces only inside
PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
BOUNDARY_DIGITS = len(repr(sys.maxsize - 1))  # Python's boundaries: 15 "=", these digits, "=="


def sender_address() -> str:
    """The bare address of DEFAULT_FROM_EMAIL, which every mail is sent from under its own name."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def envelope_recipient(to: str, address: str) -> str:
    """What to give smtplib for RCPT TO, which sends the address that it parses out of it: a plain
    address as it is, anything else as Django's backend gives it (sanitized, the domain in punycode)."""
    return address if PLAIN_ADDRESS.fullmatch(address) else sanitize_address(to, settings.DEFAULT_CHARSET)


@dataclass(frozen=True)
class WireMail:
    """What goes to the SMTP server: the envelope and the message's bytes."""

    sender: str
    recipients: list[str]
    data: bytes


def header(name: str, value) -> bytes:
    """One header line as Django sets it on its message (`msg[name] = value`) and the generator writes it.

    ASCII that fits on its line, with no space at either end, is written as it is: the folding would
    neither split nor encode it (Date, Message-ID, most To lines, short subjects)."""
    if (
        isinstance(value, str)
        and FITS.fullmatch(value)
        and len(name) + 2 + len(value) <= WIRE.max_line_length
    ):
        return f"{name}: {value}{CRLF}".encode()
    if not isinstance(value, Header):
        name, value = forbid_multi_line_headers(name, value, settings.DEFAULT_CHARSET)
    return WIRE.fold_binary(name, value)


def text_part(content: str, subtype: str) -> bytes:
    """A text part as Django's SafeMIMEText(content, subtype, "utf-8") is written: 7bit or 8bit with lines
    ending in CRLF; quoted-printable where a line is longer than SMTP allows (a paragraph typed as one
    line in Arabic or Greek soon is), which Django's part writes itself."""
    if any(
        len(line.encode(errors="surrogateescape")) > RFC5322_EMAIL_LINE_LENGTH_LIMIT
        for line in content.splitlines()
    ):
        buffer = BytesIO()
        BytesGenerator(buffer, mangle_from_=False).flatten(
            SafeMIMEText(content, subtype, "utf-8"), linesep=CRLF
        )
        return buffer.getvalue()
    encoding = "7bit" if content.isascii() else "8bit"
    head = (
        f'Content-Type: text/{subtype}; charset="utf-8"{CRLF}MIME-Version: 1.0{CRLF}'
        f"Content-Transfer-Encoding: {encoding}{CRLF}{CRLF}"
    )
    return (head + CRLF.join(NEWLINES.split(content))).encode(errors="surrogateescape")


def new_boundary(parts: list[bytes]) -> str:
    """A random boundary in Python's format that none of the parts contains."""
    while True:
        boundary = "=" * 15 + f"{random.randrange(sys.maxsize):0{BOUNDARY_DIGITS}d}" + "=="  # noqa: S311
        marker = f"--{boundary}".encode()
        if not any(marker in part for part in parts):
            return boundary


@dataclass(frozen=True)
class MailShape:
    """What the mails of one sender, reply-to and language share, encoded once for all of them."""

    sender_name: str
    reply_to: tuple[str, ...]
    language: str

    @classmethod
    def of(cls, message) -> "MailShape | None":
        """The shape of an outbox row, or None for a mail that build_email() alone makes."""
        if (
            message.calendar
            or not message.body_text
            or not message.recipient
            or settings.DEFAULT_CHARSET.lower() != "utf-8"
        ):
            return None
        return cls(message.sender_name, tuple(message.reply_to or ()), message.language)

    @property
    def heading(self) -> str:
        return self.sender_name or settings.SITE_NAME

    @cached_property
    def from_address(self) -> str:
        return formataddr((self.heading, sender_address()))

    @cached_property
    def envelope_sender(self) -> str:
        return parseaddr(sanitize_address(self.from_address, settings.DEFAULT_CHARSET))[1]

    @cached_property
    def from_header(self) -> bytes:
        return header("From", self.from_address)

    @cached_property
    def reply_to_header(self) -> bytes:
        return header("Reply-To", ", ".join(self.reply_to)) if self.reply_to else b""

    @cached_property
    def content_type(self) -> tuple[bytes, bytes]:
        """The multipart's Content-Type line, folded once, cut where its boundary goes (every boundary
        of Python's format has the same length, so it folds the same)."""
        sample = "=" * 15 + "0" * BOUNDARY_DIGITS + "=="
        line = header("Content-Type", f'multipart/alternative; boundary="{sample}"')
        before, after = line.split(sample.encode())
        return before, after

    def wire_mail(self, message, *, html: str) -> WireMail:
        """The mail of one row of this shape, its HTML part given."""
        text = text_part(message.body_text, "plain")
        html_part = text_part(html, "html")
        boundary = new_boundary([text, html_part])
        before, after = self.content_type
        subject = message.subject
        to = formataddr((message.recipient_name, message.recipient))
        headers = [
            before + boundary.encode() + after,
            b"MIME-Version: 1.0\r\n",
            header("Subject", subject) if subject.isascii() else b"",
            self.from_header,
            header("To", to),
            self.reply_to_header,
            header("Date", formatdate(localtime=settings.EMAIL_USE_LOCALTIME)),
            header("Message-ID", message.message_id),
            b"Auto-Submitted: auto-generated\r\n",
            # outbox.delivery.Email: a non-ASCII subject is set again, encoded with its header's name.
            b"" if subject.isascii() else header("Subject", Header(subject, "utf-8", header_name="Subject")),
        ]
        marker = f"--{boundary}".encode()
        data = b"".join(
            [
                *headers,
                b"\r\n",
                marker + b"\r\n",
                text,
                b"\r\n" + marker + b"\r\n",
                html_part,
                b"\r\n" + marker + b"--\r\n",
            ]
        )
        recipients = [envelope_recipient(to, message.recipient)]
        return WireMail(sender=self.envelope_sender, recipients=recipients, data=data)
