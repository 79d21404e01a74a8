from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms.choices import language_choices, site_language_choices, with_blank
from common.geography import Continent
from events.forms.conferences import DATETIME, BoundedDateTimeField
from events.forms.organizations import OrganizationFilterForm
from events.models import Campaign


class CampaignForm(forms.ModelForm):
    default_language = forms.ChoiceField(
        label=_("Default language"),
        choices=site_language_choices,
        help_text=_("Recipients whose language has no message of its own get this one."),
    )

    class Meta:
        model = Campaign
        fields = ["name", "default_language"]


class DirectoryFilterForm(OrganizationFilterForm):
    """Which organizations of the directory to add; an empty filter means any."""

    q = None
    continent = forms.ChoiceField(label=_("Continent"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["continent"].choices = with_blank(Continent.choices, _("Any continent"))
        self.fields["language"].choices = with_blank(language_choices(), _("Any language"))


class CampaignMessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(
        label=_("Message"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Placeholders: {name}, {organization}, {conference}, {dates}, {link}."),
    )


class ReminderForm(forms.Form):
    due_at = BoundedDateTimeField(
        label=_("Send on"), widget=DATETIME, help_text=_("In the conference's time zone.")
    )
