from django import template
from django.utils.html import format_html

from common.markdown import render_markdown
from events.permissions import may_read_directory

register = template.Library()


@register.filter
def reads_directory(user) -> bool:
    """Whether to show the link to the organization directory (events.permissions.may_read_directory)."""
    return may_read_directory(user)


@register.filter(name="markdown")
def markdown_filter(text: str):
    return render_markdown(text)


@register.filter
def language_names(codes) -> str:
    """["tr", "en"] as "Turkish, English", in the active language."""
    from django.utils.translation import gettext

    from common.forms.choices import language_choices

    names = dict(language_choices())
    return ", ".join(gettext(names.get(code, code)) for code in codes or [])


@register.filter
def language_name(code: str) -> str:
    """One language's name in the active language; the code itself for one Django does not know."""
    return language_names([code]) if code else ""


@register.filter
def text_direction(code: str) -> str:
    """ "rtl" for a language written right to left, else "ltr": for text not in the page's language."""
    from django.conf import settings

    right_to_left = {*settings.LANGUAGES_BIDI, "he", "ur", "ckb", "ps", "yi", "dv", "sd", "ug"}
    return "rtl" if (code or "").split("-")[0] in right_to_left else "ltr"


@register.filter
def bdi(text):
    """The text in <bdi>, escaped: a name written in another direction than the sentence around it
    (an Arabic title in an English sentence, a Latin one in a Persian sentence) keeps its own order
    and leaves the sentence's punctuation where it belongs. Pass it to blocktranslate as a variable."""
    return format_html("<bdi>{}</bdi>", text)
