from django import forms
from django.utils.translation import gettext_lazy as _

from events.forms.choices import language_choices, with_blank
from events.forms.conferences import DATETIME, BoundedDateTimeField
from events.forms.widgets import FastSelect
from sessions.models import Room, Session, Track


class SessionForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), required=False, widget=FastSelect)
    interpretation_languages = forms.MultipleChoiceField(
        label=_("Interpretation into"), required=False, widget=forms.CheckboxSelectMultiple
    )
    confirm_conflicts = forms.BooleanField(
        label=_("Save it even so"), required=False,
        help_text=_("Tick to keep the session as it is despite the clashes listed above."),
    )  # fmt: skip

    class Meta:
        model = Session
        fields = ["title", "kind", "starts_at", "ends_at", "room", "track", "language",
                  "interpretation_languages", "status", "abstract", "recording_url"]  # fmt: skip
        field_classes = {"starts_at": BoundedDateTimeField, "ends_at": BoundedDateTimeField}
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME, "abstract": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = conference.rooms.all()
        self.fields["track"].queryset = conference.tracks.all()
        self.fields["language"].choices = with_blank(language_choices(), "—")
        names = dict(language_choices())
        self.fields["interpretation_languages"].choices = [
            (code, names.get(code, code)) for code in conference.interpretation_languages
        ]


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name", "capacity", "online_link"]


class TrackForm(forms.ModelForm):
    class Meta:
        model = Track
        fields = ["name", "colour"]
        widgets = {"colour": forms.TextInput(attrs={"type": "color"})}


class MoveForm(forms.Form):
    starts_at = BoundedDateTimeField(label=_("Starts"))
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = conference.rooms.all()
