from django.conf import settings
from django_countries import countries

from common.languages import LANGUAGE_CODES, named


def language_choices() -> tuple[tuple[str, str], ...]:
    """Every language Django knows plus the site's own (Kurmanji), named by CLDR and sorted in the
    active language (common.languages)."""
    return named(LANGUAGE_CODES)


def site_language_choices() -> tuple[tuple[str, str], ...]:
    """The languages the site speaks, for the language of its mails: named and sorted the same way."""
    return named(code for code, _name in settings.LANGUAGES)


def with_blank(choices, blank_label) -> list[tuple[str, str]]:
    """Choices for an optional filter: the blank one, labelled such as "Any country", first."""
    return [("", blank_label), *choices]


def country_choices() -> list[tuple[str, str]]:
    """Every ISO 3166 country, named and sorted in the active language."""

    return [(str(code), name) for code, name in countries]
