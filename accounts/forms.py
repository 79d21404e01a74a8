from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.timezones import timezone_choices
from common.forms.choices import site_language_choices


class SignupDetailsForm(forms.Form):
    """The fields allauth's sign-up form adds to email and password."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=timezone_choices,
        initial="UTC",
        widget=forms.Select(attrs={"data-detect-timezone": "UTC"}),
    )

    def signup(self, request, user: User) -> None:
        user.full_name = self.cleaned_data["full_name"].strip()
        user.timezone = self.cleaned_data["timezone"]
        active = translation.get_language() or settings.LANGUAGE_CODE
        user.language = active if active in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        user.save(update_fields=["full_name", "timezone", "language"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language", "timezone"]
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = site_language_choices()
