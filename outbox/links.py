"""Personal links in mail: which kinds of mail carry one, and how to make it again.

A mail's token is blanked from its stored copy once the mail reaches an end (sent or failed). A failed
mail retried later needs a working link again: a fresh token for the same registration or invitation,
made by the app that made the first one. The outbox sits below those apps, so each registers its maker
here at start-up (in its AppConfig.ready()).
"""

from collections.abc import Callable

from django.db import models

REDACTED = "[redacted]"

_link_makers: dict[type[models.Model], Callable[[models.Model], str]] = {}


def register_link_maker(model: type[models.Model], make_token: Callable[[models.Model], str]) -> None:
    """Mails about `model` carry a personal link; `make_token(obj)` saves a new one and returns its token."""
    _link_makers[model] = make_token


def fresh_token(about: models.Model | None) -> str | None:
    """A new personal token for the object a mail is about, saved (only its hash is stored); None for
    any other kind of mail, whose link cannot be made again."""
    make_token = _link_makers.get(type(about))
    return make_token(about) if make_token is not None else None


def swap_secret(message, old: str, new: str) -> list[str]:
    """Replace `old` by `new` in a mail's stored text, HTML, calendar and render arguments; returns the
    fields to save.

    A calendar's long lines are folded (RFC 5545: 75 octets, then CRLF and a space), so a link in it
    can be split anywhere: the calendar is unfolded, changed and folded again."""
    message.body_text = message.body_text.replace(old, new)
    message.body_html = message.body_html.replace(old, new)
    # A mail the worker has not written yet keeps its link's token among what it is written from.
    message.render_arguments = {
        key: value.replace(old, new) if isinstance(value, str) else value
        for key, value in message.render_arguments.items()
    }
    unfolded = message.calendar.replace("\r\n ", "").replace("\r\n\t", "")
    if old in unfolded:
        message.calendar = "".join(f"{_folded(line)}\r\n" for line in unfolded.replace(old, new).splitlines())
    return ["body_text", "body_html", "calendar", "render_arguments"]


def _folded(line: str, limit: int = 75) -> str:
    pieces, current, size = [], "", 0
    for character in line:
        width = len(character.encode())
        if size + width > limit:
            pieces.append(current)
            current, size = " ", 1  # a continuation line starts with the space that folding adds
        current += character
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)
