"""Mail text from templates, and the HTML alternative made from that text.

Subjects and text bodies are plain text, never HTML: rendered here, in one place, without autoescaping,
so that "Workers' & Peasants'" does not arrive as "Workers&#x27; &amp; ...". The HTML part is made from
the text when the mail is sent, so the two always say the same thing and nothing more is stored."""

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation


@dataclass(frozen=True)
class CalendarPart:
    method: str  # CalendarMethod.REQUEST or CalendarMethod.CANCEL
    content: bytes


SPACES = re.compile(r"[ \t]+")
# Bidirectional embeddings and overrides (U+202A-U+202E) can make a subject read backwards; the isolates
# (U+2066-U+2069) that keep a name's direction apart stay.
BIDI_OVERRIDES = dict.fromkeys(range(0x202A, 0x202F))


def header_text(value: str, limit: int) -> str:
    """One line of plain text that fits its column: control characters and line breaks become spaces and
    runs of spaces one. A non-breaking space (French "titre : ...") and the zero-width non-joiner that
    Persian words need are kept: they are text, not layout."""
    line = "".join(" " if unicodedata.category(char) in {"Cc", "Zl", "Zp"} else char for char in value)
    return SPACES.sub(" ", line.translate(BIDI_OVERRIDES)).strip()[:limit]


ADDRESS = re.compile(r"https?://[^\s<>\"]+")
TRAILING_PUNCTUATION = ".,;:!?)]'"
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def render_text(template_name: str, context: dict) -> str:
    """A template rendered as plain text: nothing in it (or in what it includes) is HTML-escaped."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def render_mail(name: str, context: dict) -> tuple[str, str]:
    """(subject, text body) of a mail from `<name>_subject.txt` and `<name>.txt`."""
    return render_text(f"{name}_subject.txt", context).strip(), render_text(f"{name}.txt", context)


@dataclass(frozen=True)
class Piece:
    text: str
    is_address: bool


@dataclass(frozen=True)
class Line:
    text: str

    @property
    def is_link(self) -> bool:
        """A line that is one address and nothing else: the link the sentence before it announces."""
        return ADDRESS.fullmatch(self.text) is not None

    @property
    def pieces(self) -> list[Piece]:
        """The line cut into text and web addresses (without the full stop that ends a sentence)."""
        pieces, done = [], 0
        for match in ADDRESS.finditer(self.text):
            address = match.group().rstrip(TRAILING_PUNCTUATION)
            pieces.append(Piece(self.text[done : match.start()], is_address=False))
            pieces.append(Piece(address, is_address=True))
            done = match.start() + len(address)
        pieces.append(Piece(self.text[done:], is_address=False))
        return [piece for piece in pieces if piece.text]


def paragraphs(text: str) -> list[list[Line]]:
    """The text's paragraphs (split at blank lines), each a list of its non-empty lines."""
    blocks = []
    for block in PARAGRAPH_BREAK.split(text.strip()):
        lines = [Line(line.strip()) for line in block.splitlines() if line.strip()]
        if lines:
            blocks.append(lines)
    return blocks


PARAGRAPHS = "\x00paragraphs\x00"  # where a layout rendered once takes a mail's paragraphs


def html_body(*, text: str, subject: str, language: str, heading: str) -> str:
    """The HTML alternative of a mail: its text in the site's look, paragraph by paragraph, with addresses
    made into links (one alone on its line into a button), written right to left for Arabic and Persian.

    The mails of a campaign share their layout and most of their paragraphs (a few carry the recipient's
    name or link), so the layout and the paragraphs without an address are rendered once and kept; a
    paragraph with an address (a personal link, whose token must not stay in a worker's memory) is
    rendered each time. A rendered paragraph depends on its lines and its language alone."""
    language = language or settings.LANGUAGE_CODE
    before, after = _layout(subject, language, heading, settings.SITE_NAME, settings.SITE_URL)
    rendered = []
    for lines in paragraphs(text):
        texts = tuple(line.text for line in lines)
        has_address = any(ADDRESS.search(line) for line in texts)
        rendered.append(_paragraph(texts, language) if has_address else _kept_paragraph(texts, language))
    return before + "".join(rendered) + after


@functools.lru_cache(maxsize=64)
def _layout(subject: str, language: str, heading: str, site_name: str, site_url: str) -> tuple[str, str]:
    with translation.override(language):
        page = render_to_string(
            "outbox/mail/message.html",
            {
                "subject": subject,
                "heading": heading,
                "paragraphs": PARAGRAPHS,
                "language": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
                "site_name": site_name,
                "site_url": site_url,
            },
        )
    before, after = page.split(PARAGRAPHS)
    return before, after


def _paragraph(lines: tuple[str, ...], language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "outbox/mail/message_paragraph.html", {"paragraph": [Line(text) for text in lines]}
        )


_kept_paragraph = functools.lru_cache(maxsize=256)(_paragraph)


@dataclass(frozen=True)
class RenderedMail:
    """What a renderer writes into a queued row: the subject, the text, the recipient's name as the mail
    shows it and the calendar part, if any."""

    subject: str
    text: str
    to_name: str = ""
    calendar: CalendarPart | None = None


# Mails that the worker writes from the row they are about, registered by the apps that own them (in
# their AppConfig.ready()): the outbox knows each only by name.
_renderers: dict[str, Callable] = {}


def register_renderer(name: str, render: Callable) -> None:
    """Mails queued with render_with=name are written by render(message) -> RenderedMail in the worker,
    from the row `message.about` and `message.render_arguments`, in `message.language`."""
    _renderers[name] = render


def render_queued(message) -> list[str]:
    """Write the text of a mail queued to be rendered by the worker into its row (not saved), and forget
    what it was rendered from; returns the fields to save. The row then reads as if queued rendered."""
    rendered = _renderers[message.render_with](message)
    message.subject = header_text(rendered.subject, 300)
    message.body_text = rendered.text
    message.recipient_name = header_text(rendered.to_name, 200)
    if rendered.calendar is not None:
        message.calendar_method = rendered.calendar.method
        message.calendar = rendered.calendar.content.decode()
    message.render_with, message.render_arguments = "", {}
    return ["subject", "body_text", "recipient_name", "calendar_method", "calendar", "render_with",
            "render_arguments"]  # fmt: skip
