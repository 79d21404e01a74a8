from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.forms.choices import site_language_choices
from events.enums import InvitationAnswer
from events.models import Invitation, Organization


class InviteForm(forms.ModelForm):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.all(), required=False
    )
    language = forms.ChoiceField(label=_("Language of the mail"), choices=site_language_choices)

    class Meta:
        model = Invitation
        fields = ["email", "name", "organization", "country", "language"]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (
                InvitationAnswer.ACCEPTED,
                pgettext_lazy("invitation answer, as the invitee chooses it", "Accepted"),
            ),
            (
                InvitationAnswer.DECLINED,
                pgettext_lazy("invitation answer, as the invitee chooses it", "Declined"),
            ),
            (InvitationAnswer.MAYBE, pgettext_lazy("invitation answer, as the invitee chooses it", "Maybe")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("A message for the organizers (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
