"""Template filters and tags every app's templates use: markdown, language names and directions, time
zones, day headings, the error summary of a form."""

import unicodedata

from django import template
from django.conf import settings
from django.template.defaultfilters import date
from django.utils.html import format_html
from django.utils.translation import get_language_bidi

from common import languages
from common.content import Localized
from common.formats import weekday_date_format
from common.forms import problems
from common.markdown import render_markdown

register = template.Library()

# The bidirectional classes of right-to-left letters (Hebrew, Arabic and Persian).
RIGHT_TO_LEFT_CLASSES = {"R", "AL"}


@register.filter(name="markdown")
def markdown_filter(text: str):
    """The text as HTML; a text the organizers wrote in a given language comes in a <div> that says which,
    so that a screen reader reads it in that language and it runs in its own direction."""
    html = render_markdown(text)
    if isinstance(text, Localized) and text:
        return format_html('<div lang="{}" dir="{}">{}</div>', text.language, text.direction, html)
    return html


@register.filter
def language_names(codes) -> str:
    """["tr", "en"] as "Turkish, English", in the active language (common.languages)."""
    return ", ".join(languages.language_name(code) for code in codes or [])


@register.filter
def language_name(code: str) -> str:
    """One language's name in the active language, as a list or a table cell shows it; the code itself
    for a language CLDR does not know."""
    return languages.language_name(code)


@register.filter
def language_name_in_sentence(code: str) -> str:
    """The name as it reads inside a translated sentence: "l'original est en allemand"."""
    return languages.language_name(code, in_sentence=True)


@register.filter
def weekday_date(day) -> str:
    """A day with its weekday, as a programme's day headings name it, in the order and grammar of the
    active language ("Friday 14 March 2025", "înî, 14ê adara 2025an", "2025 թ. մարտի 14, ուրբաթ")."""
    return date(day, weekday_date_format())


@register.filter
def text_direction(code: str) -> str:
    """ "rtl" for a language written right to left, else "ltr": for text not in the page's language."""
    right_to_left = {*settings.LANGUAGES_BIDI, "he", "ur", "ckb", "ps", "yi", "dv", "sd", "ug"}
    return "rtl" if (code or "").split("-")[0] in right_to_left else "ltr"


@register.filter
def bdi(text):
    """The text in <bdi>, escaped: a name written in another direction than the sentence around it
    (an Arabic title in an English sentence, a Latin one in a Persian sentence) keeps its own order
    and leaves the sentence's punctuation where it belongs. Pass it to blocktranslate as a variable.
    A text the organizers wrote in a given language (a conference's title in Arabic) says which."""
    if isinstance(text, Localized):
        return format_html('<bdi lang="{}" dir="{}">{}</bdi>', text.language, text.direction, text)
    return format_html("<bdi>{}</bdi>", text)


@register.filter
def ltr(text):
    """The text in <bdi dir="ltr">, escaped: what is written left to right in every language (an address,
    a link, a file name such as program.ics, a code), so that a right-to-left sentence around it does not
    move its dots and brackets ("program.ics", never "ics.program")."""
    return format_html('<bdi dir="ltr">{}</bdi>', text)


@register.filter
def paragraph_sign(number):
    """ "§3", left to right in an isolate of its own: in a right-to-left sentence the sign stays before its
    number ("(§3)", never "(3§)")."""
    return format_html('<bdi dir="ltr">§{}</bdi>', number)


@register.filter
def isolate(text) -> str:
    """The plain-text counterpart of bdi, for mails and their subjects: the text between FIRST STRONG
    ISOLATE and POP DIRECTIONAL ISOLATE (U+2068, U+2069), so that an English title in an Arabic sentence
    keeps its own order and the sentence's punctuation stays where it belongs. Only where directions
    meet: in a right-to-left mail, or for a text with right-to-left letters; a left-to-right mail of
    left-to-right names reads the same without (and its text stays as a parser expects it)."""
    if not text:
        return ""
    text = str(text)
    if get_language_bidi() or any(unicodedata.bidirectional(char) in RIGHT_TO_LEFT_CLASSES for char in text):
        return f"\u2068{text}\u2069"
    return text


@register.filter
def isolate_ltr(text) -> str:
    """The plain-text counterpart of ltr: in a right-to-left mail, the text between LEFT-TO-RIGHT ISOLATE
    and POP DIRECTIONAL ISOLATE (U+2066, U+2069), so that an address in its brackets ("<ana@example.org>"),
    a link or a date in Latin digits keeps its order and its brackets; elsewhere the text as it is."""
    if not text:
        return ""
    return f"\u2066{text}\u2069" if get_language_bidi() else str(text)


@register.inclusion_tag("common/partials/error_summary.html")
def error_summary(*forms_and_formsets):
    """{% error_summary form people %}: the errors of the forms and formsets given, each linked to its
    field, in a box that takes the focus when the page opens. A form rendered whole ({{ form }}) has
    one already (common/partials/form.html); a template that lays out fields itself, or one form with
    formsets, asks for it and renders its forms with `as_div`."""
    return {"problems": problems(*forms_and_formsets)}
