"""A model form whose texts are written in several languages: a group of fields per language."""

import copy
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext
from modeltranslation.utils import build_localized_fieldname

from common.content import direction_of, preferred_languages, translations, unique
from common.forms.choices import language_choices


@dataclass
class LanguageGroup:
    """The fields of one language, and which of the texts written in another language it lacks."""

    code: str
    name: str
    fields: list = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def direction(self) -> str:
        return direction_of(self.code)


class TextsInLanguagesMixin:
    """For a ModelForm of a model with TEXTS: each text in `Meta.fields` becomes one field per language
    (`title_ar`, `title_tr`, …) for the languages given (a conference's working languages, in order;
    unless given, those of the object's conference, or the active language) and for every other
    language the object already has a text in, so that none is hidden or lost. A required text is
    asked in one language at least. Fields of languages not shown are never touched."""

    template_name = "common/partials/texts_form.html"
    template_name_div = "common/partials/texts_form_div.html"

    def __init__(self, *args, languages=None, **kwargs):
        super().__init__(*args, **kwargs)
        if languages is None:
            languages = preferred_languages(self.instance)
        model = self._meta.model
        self.text_names = [name for name in model.TEXTS if name in self.fields]
        existing = [code for name in self.text_names for code in translations(self.instance, name)]
        self.text_languages = unique([*languages, *existing]) or unique([get_language()])
        plain = {name: self.fields.pop(name) for name in self.text_names}
        self.required_texts = [name for name, base in plain.items() if base.required]
        for code in self.text_languages:
            for name, base in plain.items():
                column = build_localized_fieldname(name, code)
                localized = copy.deepcopy(base)
                localized.required = False  # required in one language at least: see clean()
                localized.widget.attrs.update({"lang": code, "dir": direction_of(code)})
                localized.initial = getattr(self.instance, column, None) or ""
                self.fields[column] = localized
        self.order_fields([*self.text_columns(), *[name for name in self.fields if name not in plain]])
        self._take_plain_names(plain)

    def _take_plain_names(self, plain) -> None:
        """A form posted with the plain names (an older page, a script: `title=…`) fills the first
        language's fields with them."""
        first = self.text_languages[0]
        given = {
            build_localized_fieldname(name, first): self.data[name]
            for name in plain
            if name in self.data and build_localized_fieldname(name, first) not in self.data
        }
        if given:
            self.data = self.data.copy()
            self.data.update(given)

    def clean(self):
        cleaned = super().clean()
        for name in self.required_texts:
            columns = [build_localized_fieldname(name, code) for code in self.text_languages]
            if not any(cleaned.get(column) for column in columns) and not any(
                column in self.errors for column in columns
            ):
                self.add_error(columns[0], self.fields[columns[0]].error_messages["required"])
        return cleaned

    def text_columns(self) -> list[str]:
        return [
            build_localized_fieldname(name, code) for code in self.text_languages for name in self.text_names
        ]

    def field_of(self, name: str) -> str:
        """The field an error on a text as a whole (a name the conference has already) goes to: the
        text's field in the first language."""
        if name in self.text_names:
            return build_localized_fieldname(name, self.text_languages[0])
        return name

    def add_error(self, field, error):
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            error = ValidationError({self.field_of(key): errors for key, errors in error.error_dict.items()})
        super().add_error(self.field_of(field) if field else field, error)

    def _post_clean(self):
        # The columns are not the model's form fields (Meta.fields names the plain ones): put them on
        # the instance before the model validates it.
        for column in self.text_columns():
            if column in self.cleaned_data:
                setattr(self.instance, column, self.cleaned_data[column])
        super()._post_clean()

    def language_groups(self) -> list[LanguageGroup]:
        names = dict(language_choices())
        groups = []
        written = {
            name: any(self[build_localized_fieldname(name, code)].value() for code in self.text_languages)
            for name in self.text_names
        }
        for code in self.text_languages:
            group = LanguageGroup(code=code, name=gettext(names.get(code, code)))
            for name in self.text_names:
                bound = self[build_localized_fieldname(name, code)]
                group.fields.append(bound)
                if written[name] and not bound.value():
                    group.missing.append(str(self.fields[bound.name].label))
            groups.append(group)
        return groups

    def get_context(self):
        context = super().get_context()
        columns = set(self.text_columns())
        context["fields"] = [
            (bound, errors) for bound, errors in context["fields"] if bound.name not in columns
        ]
        context["language_groups"] = self.language_groups()
        return context
