from django.conf import global_settings, settings
from django_countries import countries


def language_choices() -> list[tuple[str, str]]:
    """Every language Django knows plus the site's own (Kurmanji), named and sorted in the active language."""
    names = dict(global_settings.LANGUAGES)
    names.update(dict(settings.LANGUAGES))
    return sorted(((code, str(name)) for code, name in names.items()), key=lambda item: item[1])


def with_blank(choices, blank_label) -> list[tuple[str, str]]:
    """Choices for an optional filter: the blank one, labelled such as "Any country", first."""
    return [("", blank_label), *choices]


def country_choices() -> list[tuple[str, str]]:
    """Every ISO 3166 country, named and sorted in the active language."""

    return [(str(code), name) for code, name in countries]
