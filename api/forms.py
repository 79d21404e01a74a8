from django import forms
from django.utils.translation import gettext_lazy as _

from api.enums import TokenScope
from common.forms.fields import PlainTextMixin
from events.models import Conference


class TokenForm(PlainTextMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “check-in app”.")
    )
    scope = forms.ChoiceField(label=_("Access"), choices=TokenScope.choices, initial=TokenScope.READ,
                              widget=forms.RadioSelect)  # fmt: skip
    conference = forms.ModelChoiceField(
        label=_("Conference"), queryset=Conference.objects.none(), required=False,
        empty_label=_("Every conference of mine"),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conference"].queryset = Conference.objects.filter(memberships__user=user).order_by(
            "-starts_on"
        )
