from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms.choices import language_choices
from common.forms.fields import BoundedDateField, BoundedDateTimeField, PlainTextMixin
from common.forms.texts import TextsInLanguagesMixin
from common.forms.widgets import LanguageCheckboxes
from events.enums import OrganizationKind, ParticipantRole, TeamRole
from events.models import Conference, Organization

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ConferenceCreateForm(TextsInLanguagesMixin, PlainTextMixin, forms.ModelForm):
    """The least a new conference needs; the rest is filled in from its dashboard."""

    slug = forms.SlugField(
        label=_("Short name in the address"),
        required=False,
        help_text=_("Letters, digits and hyphens, as in /c/conference-2026/. Empty: made from the title."),
    )

    class Meta:
        model = Conference
        fields = ["title", "slug", "starts_on", "ends_on", "timezone", "description"]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "timezone": forms.Select(attrs={"data-detect-timezone": "UTC"}),
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        field_classes = {"starts_on": BoundedDateField, "ends_on": BoundedDateField}

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        return cleaned


class ConferenceForm(TextsInLanguagesMixin, PlainTextMixin, forms.ModelForm):
    """Every detail of a conference. Date-times are read in the conference's own time zone."""

    working_languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=language_choices,
        required=False,
        widget=LanguageCheckboxes,
        help_text=_("The first is the conference's main language: mails fall back to it."),
    )
    interpretation_languages = forms.MultipleChoiceField(
        label=_("Interpretation into"),
        choices=language_choices,
        required=False,
        widget=LanguageCheckboxes,
    )
    public_roles = forms.MultipleChoiceField(
        label=_("Roles open on the registration form"),
        choices=ParticipantRole.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=Conference._meta.get_field("public_roles").help_text,
        error_messages={"required": _("Open at least one role: each participant registers with one.")},
    )

    class Meta:
        model = Conference
        fields = [
            "title",
            "slug",
            "tagline",
            "description",
            "starts_on",
            "ends_on",
            "timezone",
            "format",
            "venue",
            "address",
            "online_link",
            "join_opens_minutes",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "registration_requires_approval",
            "public_roles",
            "delegations_close_at",
            "participation_threshold",
            "privacy_notice",
            "mail_sender_name",
            "mail_reply_to",
            "working_languages",
            "interpretation_languages",
            "follows",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "registration_opens_at": DATETIME,
            "registration_closes_at": DATETIME,
            "delegations_close_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 10}),
            "address": forms.Textarea(attrs={"rows": 3}),
            "privacy_notice": forms.Textarea(attrs={"rows": 5}),
        }
        field_classes = {
            "starts_on": BoundedDateField,
            "ends_on": BoundedDateField,
            "registration_opens_at": BoundedDateTimeField,
            "registration_closes_at": BoundedDateTimeField,
            "delegations_close_at": BoundedDateTimeField,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        changeable = Conference.objects.filter(
            memberships__user=user, memberships__role__in=[TeamRole.OWNER, TeamRole.ORGANIZER]
        )
        others = changeable.exclude(pk=self.instance.pk).order_by("-starts_on")
        self.fields["follows"].queryset = others
        self.fields["follows"].help_text = _("The conference this one continues, as in a series.")
        # Left out (an older form, a script), the threshold stays as it is.
        self.fields["participation_threshold"].required = False

    def clean_working_languages(self):
        """The languages in the order the conference had them, new ones after: a browser posts the boxes
        in the page's order, and the first working language is the one mails fall back to."""
        chosen = self.cleaned_data.get("working_languages") or []
        kept = [code for code in (self.instance.working_languages or []) if code in chosen]
        return kept + [code for code in chosen if code not in kept]

    def clean_participation_threshold(self):
        value = self.cleaned_data.get("participation_threshold")
        return self.instance.participation_threshold if value is None else value

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        opens, closes = cleaned.get("registration_opens_at"), cleaned.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        return cleaned


class CoOrganizerForm(PlainTextMixin, forms.Form):
    """Pick an organization from the directory, or name a new one to add to it."""

    organization = forms.ModelChoiceField(
        label=_("From the directory"),
        queryset=Organization.objects.all(),
        required=False,
        widget=forms.RadioSelect,
    )
    new_name = forms.CharField(label=_("Or a new organization: name"), max_length=200, required=False)
    new_kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "---------"), *OrganizationKind.choices], required=False
    )
    new_country = Organization._meta.get_field("country").formfield(label=_("Country"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("organization") is None:
            if not cleaned.get("new_name"):
                raise forms.ValidationError(
                    _("Choose an organization from the directory, or give a new one's name.")
                )
            if not cleaned.get("new_kind"):
                self.add_error("new_kind", _("Say what kind of organization it is."))
        return cleaned
