from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common.forms.fields import BoundedDateTimeField, PlainTextMixin
from common.forms.texts import TextsInLanguagesMixin
from events.forms.conferences import DATETIME
from events.models import Organization, PreparatoryMeeting


class MeetingForm(TextsInLanguagesMixin, PlainTextMixin, forms.ModelForm):
    """A preparatory meeting; its times are read in the conference's time zone."""

    class Meta:
        model = PreparatoryMeeting
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "place",
            "online_link",
            "agenda",
            "minutes",
            "decisions",
            "status",
        ]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 5}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {"starts_at": BoundedDateTimeField, "ends_at": BoundedDateTimeField}

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return cleaned


class ParticipantForm(PlainTextMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none(), required=False
    )
    language = forms.ChoiceField(
        label=_("Language of the mails"),
        choices=settings.LANGUAGES,
        help_text=_("For someone without an account; one with an account gets them in their own."),
    )

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = conference.organizers.all()
        self.fields["language"].initial = conference.mail_language


class AttendanceForm(forms.Form):
    attended = forms.NullBooleanField(
        label=_("Attended"),
        widget=forms.Select(
            choices=[("unknown", _("Not recorded")), ("true", _("Present")), ("false", _("Absent"))]
        ),
    )
