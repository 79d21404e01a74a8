"""Texts the organizers write in several languages: which one a reader gets, and in which language it is.

The columns are django-modeltranslation's (`title_en`, `title_ar`, …, one per site language, added to the
models registered in each app's `translation.py`). What this module adds is the order a reader's text is
looked for in: the reader's language, then the conference's working languages in their order, then any
language that has one. Reading `conference.title` follows that order (through `ContentDescriptor`) and
gives a `Localized` string that knows its language, so that a page can mark it with `lang` and `dir`.

Saving writes the plain column (`title`) as the text in the conference's first working language
(`canonical_content`), whatever language the page that saved it was in, so that the models' history and
what reads the column directly see one stable value.
"""

import contextlib
import contextvars
import functools
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.translator import TranslationOptions, translator
from modeltranslation.utils import build_localized_fieldname

SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]
RIGHT_TO_LEFT = set(settings.LANGUAGES_BIDI)

_canonical = contextvars.ContextVar("canonical_content", default=False)


def direction_of(language: str) -> str:
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


def site_language(language: str | None) -> str | None:
    """The site language a language code (such as "pt-br" or "fa-IR") falls to, or None."""
    if not language:
        return None
    language = language.lower()
    if language in SITE_LANGUAGES:
        return language
    base = language.split("-")[0]
    return base if base in SITE_LANGUAGES else None


class Localized(str):
    """A text in the language it was written in (`language`, one of the site's)."""

    language: str

    def __new__(cls, value: str, language: str):
        text = super().__new__(cls, value)
        text.language = language
        return text

    def __reduce__(self):
        return (Localized, (str(self), self.language))

    @property
    def direction(self) -> str:
        return direction_of(self.language)


def unique(languages: Iterable[str | None]) -> list[str]:
    seen: list[str] = []
    for language in languages:
        code = site_language(language)
        if code and code not in seen:
            seen.append(code)
    return seen


def reading_order(preferred: Iterable[str], language: str | None = None) -> tuple[str, ...]:
    """Where a text is looked for: the reader's language (the active one unless given), then the
    preferred languages in order (a conference's working languages), then every other site language."""
    reader = None if _canonical.get() else (language or get_language())
    return _reading_order(tuple(preferred), reader)


@functools.lru_cache(maxsize=512)
def _reading_order(preferred: tuple[str, ...], reader: str | None) -> tuple[str, ...]:
    # Asked for each text of each row a page or feed shows: thousands of times with the same arguments.
    return tuple(unique([reader, *preferred, *SITE_LANGUAGES]))


def localized(instance: models.Model, field: str, language: str | None = None) -> Localized:
    """The text of `field` for a reader of `language` (the active language unless given)."""
    order = reading_order(preferred_languages(instance), language)
    for code in order:
        value = getattr(instance, build_localized_fieldname(field, code), None)
        if value:
            return Localized(value, code)
    # Not one language has it: the plain column (kept by saves; set by code that wrote the model
    # before its translations were added).
    return Localized(instance.__dict__.get(field) or "", order[0])


def translations(instance: models.Model, field: str) -> dict[str, str]:
    """The texts of `field` that exist, by language, in the site's order of languages."""
    found = {}
    for code in SITE_LANGUAGES:
        value = getattr(instance, build_localized_fieldname(field, code), None)
        if value:
            found[code] = value
    return found


def preferred_languages(instance: models.Model) -> list[str]:
    """The languages of the conference the instance belongs to, if it is at hand without a query."""
    finder = getattr(instance, "content_languages", None)
    return list(finder()) if finder else []


@contextlib.contextmanager
def canonical_content() -> Iterator[None]:
    """Inside it, texts are read as for no reader in particular: the conference's first working
    language first. Saves run inside it, so that the plain column holds that text."""
    token = _canonical.set(True)
    try:
        yield
    finally:
        _canonical.reset(token)


class ContentDescriptor(TranslationFieldDescriptor):
    """modeltranslation's descriptor, reading in the conference's order (see `localized`)."""

    def __get__(self, instance, owner):
        if instance is None:
            return self
        return localized(instance, self.field.name)


class TranslatedContent(models.Model):
    """A model with texts in several languages: its TEXTS (registered by its app's translation.py).
    `content_languages()` names the conference's working languages when the conference is at hand
    without a query. Its history keeps the plain columns (the text in the first working language): the
    per-language columns are added after the history's model is made."""

    TEXTS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with canonical_content():
            super().save(*args, **kwargs)

    def content_languages(self) -> list[str]:
        conference_field = self._meta.get_field("conference")
        if conference_field.is_cached(self):
            return list(self.conference.working_languages or [])
        return []


def register_content(model: type[TranslatedContent]) -> None:
    """Give each of the model's TEXTS a column per site language, read through ContentDescriptor."""
    options = type(f"{model.__name__}Texts", (TranslationOptions,), {"fields": model.TEXTS})
    translator.register(model, options)
    for name in model.TEXTS:
        setattr(model, name, ContentDescriptor(model._meta.get_field(name)))


def in_any_language(lookup: str, value) -> models.Q:
    """A filter on a text in whichever language it is written: `in_any_language("track__name", "X")`."""
    condition = models.Q()
    for column in localized_columns(lookup):
        condition |= models.Q(**{column: value})
    return condition


def localized_columns(*fields: str, languages: Iterable[str] = SITE_LANGUAGES) -> list[str]:
    """The per-language columns of `fields`, such as title_tr, title_en, …"""
    return [build_localized_fieldname(field, code) for field in fields for code in languages]
