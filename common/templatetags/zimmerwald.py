"""Template filters and tags every app's templates use: markdown, language names and directions, time
zones, the error summary of a form."""

from django import template
from django.conf import settings
from django.utils.html import format_html

from common import languages
from common.forms import problems
from common.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    return render_markdown(text)


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
def text_direction(code: str) -> str:
    """ "rtl" for a language written right to left, else "ltr": for text not in the page's language."""
    right_to_left = {*settings.LANGUAGES_BIDI, "he", "ur", "ckb", "ps", "yi", "dv", "sd", "ug"}
    return "rtl" if (code or "").split("-")[0] in right_to_left else "ltr"


@register.filter
def bdi(text):
    """The text in <bdi>, escaped: a name written in another direction than the sentence around it
    (an Arabic title in an English sentence, a Latin one in a Persian sentence) keeps its own order
    and leaves the sentence's punctuation where it belongs. Pass it to blocktranslate as a variable."""
    return format_html("<bdi>{}</bdi>", text)


@register.inclusion_tag("common/partials/error_summary.html")
def error_summary(*forms_and_formsets):
    """{% error_summary form people %}: the errors of the forms and formsets given, each linked to its
    field, in a box that takes the focus when the page opens. A form rendered whole ({{ form }}) has
    one already (common/partials/form.html); a template that lays out fields itself, or one form with
    formsets, asks for it and renders its forms with `as_div`."""
    return {"problems": problems(*forms_and_formsets)}
