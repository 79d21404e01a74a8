"""Template filters every app's templates use: markdown, language names and directions, time zones."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext

from common.forms.choices import language_choices
from common.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    return render_markdown(text)


@register.filter
def language_names(codes) -> str:
    """["tr", "en"] as "Turkish, English", in the active language."""
    names = dict(language_choices())
    return ", ".join(gettext(names.get(code, code)) for code in codes or [])


@register.filter
def language_name(code: str) -> str:
    """One language's name in the active language; the code itself for one Django does not know."""
    return language_names([code]) if code else ""


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
