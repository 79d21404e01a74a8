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
