from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.forms.fields import PlainTextMixin
from common.validators import https_only

UNITS = [
    ("minutes", pgettext_lazy("unit of time", "minutes")),
    ("hours", pgettext_lazy("unit of time", "hours")),
    ("days", pgettext_lazy("unit of time", "days")),
]
MINUTES_PER_UNIT = {"minutes": 1, "hours": 60, "days": 24 * 60}


class StartReminderForm(forms.Form):
    amount = forms.IntegerField(label=_("How long before the start"), min_value=1, max_value=43200)
    unit = forms.ChoiceField(label=_("Unit"), choices=UNITS, initial="hours")

    @property
    def minutes_before(self) -> int:
        return self.cleaned_data["amount"] * MINUTES_PER_UNIT[self.cleaned_data["unit"]]


class BigBlueButtonServerForm(PlainTextMixin, forms.Form):
    """A conference's BigBlueButton server. The secret is never shown again: its field is always empty,
    and left empty it keeps the stored secret."""

    api_url = forms.URLField(
        label=_("API address"),
        assume_scheme="https",
        validators=[https_only],
        # A URLField puts its own "Enter a valid URL." over every validator's message of code "invalid".
        error_messages={"invalid": https_only.message},
        help_text=_(
            "The address that the command bbb-conf --secret prints, such as "
            "https://bbb.example.org/bigbluebutton/ (the API's /bigbluebutton/api/ is added "
            "when it is missing)."
        ),
    )
    secret = forms.CharField(
        label=_("Shared secret"),
        required=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )
    enabled = forms.BooleanField(
        label=_("Run the sessions' meetings on this server"),
        required=False,
        help_text=_("Unticked, the sessions keep their plain links (Jitsi, Zoom, any address)."),
    )

    def __init__(self, *args, has_secret: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if has_secret:
            self.fields["secret"].help_text = _(
                "A secret is stored and is never shown. Leave the field empty to keep it."
            )
        else:
            self.fields["secret"].help_text = _("The secret that the command bbb-conf --secret prints.")
