"""Forms of the documents: the submission, its details, a file, a translation, a decision, the filters.

They check what is typed and uploaded; the rules (who may change what, when) are in
proceedings.services.documents, which the views call with the cleaned data.
"""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common import uploads
from common.forms import CheckedFileField, document_file_help
from common.forms.choices import country_choices, language_choices, with_blank
from common.forms.widgets import FastSelect
from common.languages import named
from proceedings.enums import DocumentStatus
from proceedings.models import Document
from proceedings.services.documents import DETAILS, Decision

ABSTRACT_MAX_LENGTH = 20_000


class CheckedFileForm(forms.Form):
    """A document file whose type is read from its content before anything is stored."""

    file = CheckedFileField(label=_("File"))

    @property
    def file_kind(self) -> uploads.FileKind | None:
        return getattr(self.cleaned_data.get("file"), "kind", None)


class DocumentDetailsForm(forms.ModelForm):
    """What the document is about; never saved by itself (the service does)."""

    language = forms.ChoiceField(label=_("Language"), widget=FastSelect)

    class Meta:
        model = Document
        fields = list(DETAILS)
        widgets = {
            "country": FastSelect,
            "abstract": forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "authors": forms.TextInput(attrs={"dir": "auto"}),
            "organization": forms.TextInput(attrs={"dir": "auto"}),
        }
        help_texts = {
            "authors": _("As they should appear, separated by commas."),
            "language": _("The language of the original file."),
            "abstract": _("A short summary. Markdown: *emphasis*, **bold**, lists and links; no HTML."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = with_blank(language_choices(), "—")
        self.fields["country"].choices = with_blank(country_choices(), "—")
        self.fields["abstract"].validators.append(MaxLengthValidator(ABSTRACT_MAX_LENGTH))
        self.fields["abstract"].widget.attrs["maxlength"] = ABSTRACT_MAX_LENGTH

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in DETAILS}

    @staticmethod
    def initial_of(document: Document) -> dict:
        return {name: getattr(document, name) for name in DETAILS} | {"country": document.country.code or ""}


class DocumentSubmitForm(DocumentDetailsForm):
    file = CheckedFileField(label=_("File"))

    file_kind = CheckedFileForm.file_kind


class OnBehalfForm(DocumentSubmitForm):
    """An organizer submits for someone: the submitter's address lets them follow it when signed in."""

    submitter_email = forms.EmailField(
        label=_("Submitter's email"),
        help_text=_(
            "Signed in with this address, they find the document among their own; decisions are mailed to it."
        ),
    )

    field_order = ["submitter_email", *DETAILS, "file"]


class TranslationForm(CheckedFileForm):
    language = forms.ChoiceField(label=_("Language of the translation"), widget=FastSelect)

    field_order = ["language", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = with_blank(language_choices(), "—")
        self.fields["file"].help_text = gettext(
            "%(kinds)s A new file in a language replaces the one before."
        ) % {"kinds": document_file_help()}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (Decision.ACCEPT, _("Accept")),
            (Decision.CHANGES, _("Ask for changes")),
            (Decision.REJECT, _("Reject")),
            (Decision.PUBLISH, _("Publish")),
            (Decision.UNPUBLISH, _("Unpublish")),
        ]
    )
    note = forms.CharField(
        label=_("Note to the submitter"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Needed to ask for changes or to reject; sent by mail and shown on their documents page."
        ),
    )


class RemoveFileForm(forms.Form):
    file = forms.IntegerField(min_value=1)


def _among(codes: list[str], choices) -> list[tuple[str, str]]:
    """The choices whose code is among the codes, in the choices' order (the active language's)."""
    wanted = set(codes)
    return [(code, name) for code, name in choices if code in wanted]


class PublicFilterForm(forms.Form):
    """The public list's search and filters; the choices are what the published documents have."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200, widget=forms.SearchInput,
                        help_text=_("Title, authors, abstract or organization."))  # fmt: skip
    language = forms.ChoiceField(label=_("Language"), required=False)
    organization = forms.ChoiceField(label=_("Organization"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, facets: dict[str, list[str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = with_blank(named(facets["languages"]), _("Any language"))
        self.fields["organization"].choices = with_blank(
            [(name, name) for name in facets["organizations"]], _("Any organization")
        )
        self.fields["country"].choices = with_blank(
            _among(facets["countries"], country_choices()), _("Any country")
        )


class TeamFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200, widget=forms.SearchInput,
                        help_text=_("Title, authors, abstract or organization."))  # fmt: skip
    status = forms.ChoiceField(label=_("Status"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False, widget=FastSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = with_blank(DocumentStatus.choices, _("Any status"))
        self.fields["language"].choices = with_blank(language_choices(), _("Any language"))


def applied_filters(form: forms.Form) -> dict:
    """The valid filters of a bound form (a bad value shows as its field's error; the rest apply)."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data
