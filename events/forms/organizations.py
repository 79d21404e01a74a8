from django import forms
from django.utils.translation import gettext_lazy as _

from events.enums import OrganizationKind
from events.forms.choices import country_choices, language_choices, with_blank
from events.forms.widgets import FastSelect, FastSelectMultiple
from events.models import Organization


class OrganizationForm(forms.ModelForm):
    """One entry of the shared directory. The duplicate check is the service's."""

    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        required=False,
        widget=FastSelectMultiple(attrs={"size": 6}),
        help_text=_("The languages to write to it in."),
    )

    class Meta:
        model = Organization
        fields = ["name", "kind", "country", "website", "contact_email", "languages"]


class OrganizationFilterForm(forms.Form):
    """The list's search and filters, read from the query string; every field is optional."""

    q = forms.CharField(label=_("Name"), required=False, max_length=200, widget=forms.SearchInput)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False, widget=FastSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = with_blank(OrganizationKind.choices, _("Any kind"))
        self.fields["country"].choices = with_blank(country_choices(), _("Any country"))
