"""Widgets for long lists: selects (countries, one language) that render without a template per option,
and the list of checkboxes for a choice of several languages.

Django renders every <option> through its own template include, which costs about a tenth of a
millisecond each: a form with the 250 countries and the 100 languages spent most of its time there.
The selects produce the same HTML with one string join; attributes and the selected state are as
Django's. The language list joins its hundred checkboxes the same way, in its one template.
"""

import unicodedata
from functools import lru_cache
from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from common.languages import autonym


class _FastOptions:
    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        options = []
        for group_name, group_choices, _index in context["optgroups"]:
            rendered = format_html_join(
                "",
                "<option value=\"{}\"{}>{}</option>",
                ((option["value"], " selected" if option["selected"] else "", option["label"])
                 for option in group_choices),
            )  # fmt: skip
            options.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
                           if group_name else rendered)  # fmt: skip
        attributes = dict(context["attrs"])
        if self.allow_multiple_selected:
            attributes["multiple"] = True
        return format_html(
            '<select name="{}"{}>{}</select>',
            context["name"],
            flatatt(attributes),
            format_html_join("", "{}", ((option,) for option in options)),
        )


class FastSelect(_FastOptions, forms.Select):
    pass


def _bare(text: str) -> str:
    """The text without case and marks, so that "العربيّة" (with a shadda) is "العربية" again."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


@lru_cache(maxsize=4096)
def _own_name(code: str, name: str) -> str:
    """The language's name in itself, unless it is the name already shown."""
    own_name = autonym(code)
    return "" if _bare(own_name) == _bare(name) else own_name


ITEM = (
    '<li data-search="{search}">'
    '<input type="checkbox" name="{name}" value="{code}" id="{id}"{checked}{shared}>'
    '<label for="{id}">{label}{own}</label></li>'
)
OWN_NAME = ' <span class="language-picker__autonym" lang="{code}" dir="auto">{own_name}</span>'


def _language_item(option: dict, name: str, shared_attributes: str) -> str:
    """One <li>: the box, its label with the language's own name, and the words the search matches.
    Every value is escaped with the standard library's html.escape: format_html's lazy-aware escaping
    cost ten times as much over a hundred boxes."""
    code, label = str(option["value"]), str(option["label"])
    own_name = _own_name(code, label)
    return ITEM.format(
        search=escape(" ".join(word for word in (label, own_name, code) if word)),
        name=escape(name),
        code=escape(code),
        id=escape(option["attrs"]["id"]),
        checked=" checked" if option["selected"] else "",
        shared=shared_attributes,
        label=escape(label),
        own=OWN_NAME.format(code=escape(code), own_name=escape(own_name)) if own_name else "",
    )


class LanguageCheckboxes(forms.CheckboxSelectMultiple):
    """A choice of several languages as checkboxes in a fieldset, no Ctrl-click: the chosen ones first,
    in their order (a conference's first working language is its main one), then the others in the
    choices' order. Each label adds the language's own name; static/js/language-picker.js shows a
    search box that filters by either name or the code. Without JavaScript every box is there."""

    template_name = "common/partials/language_checkboxes.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        options = [
            option for _group, group_options, _index in widget["optgroups"] for option in group_options
        ]
        place = {code: index for index, code in enumerate(widget["value"])}
        chosen = sorted((option for option in options if option["selected"]), key=lambda o: place[o["value"]])
        others = [option for option in options if not option["selected"]]
        # What every box has: disabled for a viewer, aria-invalid for a field with an error.
        shared = flatatt({key: value for key, value in widget["attrs"].items() if key != "id"})
        widget["items"] = mark_safe(  # noqa: S308 - every value escaped in _language_item
            "".join(_language_item(option, name, shared) for option in chosen + others)
        )
        return context
