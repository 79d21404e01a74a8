from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import CsvFileForm
from common.forms.choices import country_choices, language_choices, with_blank
from common.forms.widgets import FastSelect, LanguageCheckboxes
from events.enums import OrganizationKind
from events.models import Conference, Organization
from events.permissions import changing_memberships


def team_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("For the team of"),
        queryset=Conference.objects.none(),
        help_text=_("That team may change the entry later, while no other conference relies on it."),
    )


def limit_to_teams(field: forms.ModelChoiceField, user) -> None:
    """The conferences the user changes; staff may leave the field empty (an entry of the site's)."""
    field.queryset = Conference.objects.filter(memberships__in=changing_memberships(user)).order_by(
        "-starts_on", "pk"
    )
    field.required = not user.is_staff


class OrganizationForm(forms.ModelForm):
    """One entry of the shared directory. The duplicate check is the service's."""

    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        required=False,
        widget=LanguageCheckboxes,
        help_text=_("The languages to write to it in."),
    )

    class Meta:
        model = Organization
        fields = ["name", "kind", "country", "website", "contact_email", "languages"]


class OrganizationCreateForm(OrganizationForm):
    """A new entry, recorded as added by one of the user's teams."""

    created_by_conference = team_field()

    class Meta(OrganizationForm.Meta):
        fields = [*OrganizationForm.Meta.fields, "created_by_conference"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        limit_to_teams(self.fields["created_by_conference"], user)


class DirectoryImportForm(CsvFileForm):
    created_by_conference = team_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        limit_to_teams(self.fields["created_by_conference"], user)


class OrganizationFilterForm(forms.Form):
    """The list's search and filters, read from the query string; every field is optional."""

    q = forms.CharField(label=_("Name"), required=False, max_length=200, widget=forms.SearchInput)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False, widget=FastSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = with_blank(OrganizationKind.choices, _("Any kind"))
        self.fields["country"].choices = with_blank(country_choices(), _("Any country"))
