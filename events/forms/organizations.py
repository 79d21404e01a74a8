from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from events.enums import OrganizationKind
from events.forms.choices import language_choices
from events.models import Organization
from events.services.csv_rows import MAX_BYTES, MAX_ROWS


class OrganizationForm(forms.ModelForm):
    """One entry of the shared directory. The duplicate check is the service's."""

    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("The languages to write to it in."),
    )

    class Meta:
        model = Organization
        fields = ["name", "kind", "country", "website", "contact_email", "languages"]


def _with_blank(choices, blank_label) -> list[tuple[str, str]]:
    return [("", blank_label), *choices]


class OrganizationFilterForm(forms.Form):
    """The list's search and filters, read from the query string; every field is optional."""

    q = forms.CharField(label=_("Name"), required=False, max_length=200, widget=forms.SearchInput)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _with_blank(OrganizationKind.choices, _("Any kind"))
        self.fields["country"].choices = _with_blank(
            [(str(code), name) for code, name in countries], _("Any country")
        )


class OrganizationImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"), widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "UTF-8, separated by commas or semicolons; at most %(size)s MB and %(rows)s rows."
        ) % {"size": MAX_BYTES // (1024 * 1024), "rows": number_format(MAX_ROWS, force_grouping=True)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB: split it into smaller files.")
                % {"size": MAX_BYTES // (1024 * 1024)},
                code="too_large",
            )
        return upload
