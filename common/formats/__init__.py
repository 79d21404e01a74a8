"""Date and number formats for the site's languages Django has none for (FORMAT_MODULE_PATH): Kurmanji,
and Armenian, whose catalog Django ships without formats. They follow CLDR, as browsers do, so that a
time the server writes and the same time written again by the browser (static/js/local-times.js) read
alike. A language's module may also say WEEKDAY_DATE_FORMAT, the day headings of a programme
(common.templatetags.zimmerwald.weekday_date)."""

from django.utils import formats

# Where the active language's formats module says none: the weekday, the day, the month, the year.
DEFAULT_WEEKDAY_DATE_FORMAT = "l j F Y"


def weekday_date_format() -> str:
    """The active language's WEEKDAY_DATE_FORMAT. Django's get_format() knows only its own names, so
    the language's format modules (ours first, then Django's) are asked here."""
    for module in formats.get_format_modules():
        if (found := getattr(module, "WEEKDAY_DATE_FORMAT", None)) is not None:
            return found
    return DEFAULT_WEEKDAY_DATE_FORMAT
