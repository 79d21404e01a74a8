from django import forms
from django.utils.translation import gettext_lazy as _

from common import uploads
from common.forms import CheckedFileField
from common.forms.choices import country_choices, language_choices, with_blank
from common.forms.fields import BoundedDateTimeField, PlainTextMixin
from common.forms.texts import TextsInLanguagesMixin
from common.forms.widgets import FastSelect
from events.forms.conferences import DATETIME
from program.models import InterpretationChannel, Room, Session, SessionMaterial, SessionPerson, Track


class SessionForm(TextsInLanguagesMixin, PlainTextMixin, forms.ModelForm):
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
                  "interpretation_languages", "status", "abstract", "online_link", "backstage_link",
                  "recording_url"]  # fmt: skip
        field_classes = {"starts_at": BoundedDateTimeField, "ends_at": BoundedDateTimeField}
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME, "abstract": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, languages=conference.working_languages, **kwargs)
        self.fields["room"].queryset = conference.rooms.all()
        self.fields["track"].queryset = conference.tracks.all()
        self.fields["language"].choices = with_blank(language_choices(), "—")
        names = dict(language_choices())
        self.fields["interpretation_languages"].choices = [
            (code, names.get(code, code)) for code in conference.interpretation_languages
        ]


class RoomForm(TextsInLanguagesMixin, PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name", "capacity", "online_link", "backstage_link"]


class TrackForm(TextsInLanguagesMixin, PlainTextMixin, forms.ModelForm):
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


class PersonForm(PlainTextMixin, forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"), required=False, widget=FastSelect)

    class Meta:
        model = SessionPerson
        fields = ["name", "role", "organization", "country", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = with_blank(country_choices(), "—")


class MaterialForm(PlainTextMixin, forms.ModelForm):
    """A link or a file, never both; a file's type is read from its content."""

    language = forms.ChoiceField(label=_("Language"), required=False, widget=FastSelect)

    class Meta:
        model = SessionMaterial
        fields = ["title", "url", "file", "language"]
        field_classes = {"file": CheckedFileField}
        widgets = {"file": forms.FileInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = with_blank(language_choices(), "—")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        has_file = bool(cleaned.get("file"))
        if cleaned.get("url") and has_file:
            raise forms.ValidationError(_("Give a link or a file, not both."))
        if not cleaned.get("url") and not has_file:
            raise forms.ValidationError(_("Give a link or a file."))
        return cleaned

    def save(self, commit=True):
        replaced = (
            self.instance.pk
            and SessionMaterial.objects.filter(pk=self.instance.pk).values_list("file", flat=True).first()
        )
        material = super().save(commit=False)
        upload = self.cleaned_data["file"]
        kind = getattr(upload, "kind", None)  # set on a new, checked upload only
        if kind is not None:
            uploads.attach(material, upload, kind)
            uploads.delete_after_commit([replaced])
        if commit:
            material.save()
        return material


class ChannelForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), widget=FastSelect)

    class Meta:
        model = InterpretationChannel
        fields = ["language", "link"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = with_blank(language_choices(), "—")


PeopleFormSet = forms.inlineformset_factory(
    Session, SessionPerson, form=PersonForm, extra=2, can_delete=True, max_num=50
)
MaterialsFormSet = forms.inlineformset_factory(
    Session, SessionMaterial, form=MaterialForm, extra=1, can_delete=True, max_num=30
)
ChannelsFormSet = forms.inlineformset_factory(
    Session, InterpretationChannel, form=ChannelForm, extra=1, can_delete=True, max_num=20
)
