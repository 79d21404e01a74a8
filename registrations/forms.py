from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from common.forms.choices import country_choices, language_choices, site_language_choices, with_blank
from common.forms.fields import PlainTextMixin
from common.forms.widgets import FastSelect, LanguageCheckboxes
from common.geography import Continent
from events.enums import OrganizationKind
from events.models import Organization
from registrations.enums import ParticipantRole, RegistrationStatus
from registrations.models import Registration
from registrations.selectors import sort_keys


class RegistrationForm(forms.Form):
    """What a participant tells the organizers. The organization is typed: an entry of the directory
    with that name (and country) is used, else the name stays on the registration until the team
    accepts it into the directory; empty for an individual."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email"), max_length=254)
    organization_name = forms.CharField(
        label=_("Organization"),
        max_length=200,
        required=False,
        help_text=_(
            "Start typing to pick an organization already taking part. Leave empty if you come alone."
        ),
        widget=forms.TextInput(attrs={"list": "organization-suggestions", "autocomplete": "off"}),
    )
    organization_kind = forms.ChoiceField(
        label=_("Kind of organization (if it is new to the directory)"),
        choices=with_blank(
            [
                (value, label)
                for value, label in OrganizationKind.choices
                if value != OrganizationKind.INDEPENDENT
            ],
            "—",
        ),
        required=False,
    )
    country = forms.ChoiceField(label=_("Country"), widget=FastSelect)
    role = forms.ChoiceField(
        label=_("Role"),
        initial=ParticipantRole.DELEGATE,
        help_text=_("Speakers and press are named by the organizers."),
        error_messages={"invalid_choice": _("This role is not open on the form: the organizers give it.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"), choices=language_choices, required=False, widget=LanguageCheckboxes,
    )  # fmt: skip
    interpretation_needs = forms.MultipleChoiceField(
        label=_("Interpretation you need"), required=False, widget=forms.CheckboxSelectMultiple
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    public_name = forms.BooleanField(
        label=_("My name may appear in the public list of participants"), required=False
    )
    note = forms.CharField(
        label=_("A note to the organizers"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    language = forms.ChoiceField(
        label=_("Language of our mails to you"), choices=site_language_choices, widget=FastSelect
    )

    def __init__(self, *args, conference, fixed_email: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = with_blank(country_choices(), "—")
        # Only the roles the organizers opened (Conference.public_roles); a posted other one is an error.
        open_roles = conference.public_role_choices()
        self.fields["role"].choices = open_roles
        if self.initial.get("role", self.fields["role"].initial) not in dict(open_roles):
            self.initial["role"] = open_roles[0][0]
        names = dict(language_choices())
        self.fields["interpretation_needs"].choices = [
            (code, names.get(code, code)) for code in conference.interpretation_languages
        ]
        if not conference.interpretation_languages:
            del self.fields["interpretation_needs"]
        if fixed_email:
            self.fields["email"].disabled = True

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["new_organization_name"] = data.pop("organization_name")
        data["new_organization_kind"] = data.pop("organization_kind")
        return data


class OwnRegistrationForm(RegistrationForm):
    """The participant's own changes through the personal link: the address stays as it is, and the
    role (delegate, speaker, press...) is the organizers' to change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, fixed_email=True, **kwargs)
        del self.fields["role"]


class RegistrationChangeForm(PlainTextMixin, forms.ModelForm):
    """The team's corrections to a registration, its address included (registrations.services.desk
    keeps one active registration per address). The role and the status have their own actions."""

    class Meta:
        model = Registration
        fields = [
            "full_name", "email", "organization", "proposed_organization_name", "proposed_organization_kind",
            "country", "languages", "interpretation_needs", "accessibility_needs", "public_name", "note",
            "language",
        ]  # fmt: skip
        widgets = {
            "organization": FastSelect,
            "country": FastSelect,
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        conference = self.instance.conference
        fields = self.fields
        fields["organization"].queryset = Organization.objects.order_by("name")
        # The lists are stored as JSON; the team picks from the same choices as the participant.
        fields["languages"] = forms.MultipleChoiceField(
            label=fields["languages"].label, choices=language_choices, required=False,
            widget=LanguageCheckboxes,
        )  # fmt: skip
        names = dict(language_choices())
        stored = [
            code
            for code in self.instance.interpretation_needs
            if code not in conference.interpretation_languages
        ]
        offered = [*conference.interpretation_languages, *stored]
        fields["interpretation_needs"] = forms.MultipleChoiceField(
            label=fields["interpretation_needs"].label, required=False, widget=forms.CheckboxSelectMultiple,
            choices=[(code, names.get(code, code)) for code in offered],
        )  # fmt: skip
        fields["language"] = forms.ChoiceField(
            label=fields["language"].label, choices=site_language_choices, widget=FastSelect
        )


class RegistrationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, email or organization"), required=False, max_length=200,
                        widget=forms.SearchInput)  # fmt: skip
    status = forms.ChoiceField(label=_("Status"), required=False)
    role = forms.ChoiceField(label=_("Role"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False, widget=FastSelect)
    continent = forms.ChoiceField(label=_("Continent"), required=False)
    kind = forms.ChoiceField(label=_("Kind of organization"), required=False)
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=None,
        required=False,
        empty_label=_("Any organization"),
        widget=FastSelect,
    )
    delegation = forms.ModelChoiceField(
        label=_("Delegation"), queryset=None, required=False, empty_label=_("Any"), widget=FastSelect
    )
    # The column the list is sorted by (selectors.SORTS), kept when the filters change.
    sort = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def __init__(self, *args, conference, counts: dict[str, int] | None = None, **kwargs):
        """`counts` (selectors.status_counts) shows how many registrations each status has."""
        super().__init__(*args, **kwargs)
        # Only this conference's: each with how many registrations it has (the count per organization).
        self.fields["organization"].queryset = (
            Organization.objects.filter(registrations__conference=conference)
            .annotate(registered=Count("registrations", filter=Q(registrations__conference=conference)))
            .order_by("name")
        )
        self.fields["organization"].label_from_instance = lambda item: f"{item.name} ({item.registered})"
        self.fields["delegation"].queryset = conference.delegations.select_related("organization")
        self.fields["delegation"].label_from_instance = lambda item: item.organization.name
        self.fields["status"].choices = with_blank(
            [
                (value, f"{label} ({counts[value]})" if counts is not None else label)
                for value, label in RegistrationStatus.choices
            ],
            _("Any status"),
        )
        self.fields["role"].choices = with_blank(ParticipantRole.choices, _("Any role"))
        self.fields["country"].choices = with_blank(country_choices(), _("Any country"))
        self.fields["continent"].choices = with_blank(Continent.choices, _("Any continent"))
        self.fields["kind"].choices = with_blank(OrganizationKind.choices, _("Any kind"))

    def clean_sort(self) -> str:
        """An unknown sort is no error: the list keeps the order of registration."""
        sort = self.cleaned_data["sort"]
        return sort if sort in sort_keys() else ""


class BulkActionForm(forms.Form):
    """What to do with the ticked registrations of the page, or with every one the list's filters match
    (`everything`; `matching` is how many the organizer saw: a set that has changed since is refused)."""

    action = forms.ChoiceField(
        choices=[
            ("approve", _("Approve")),
            ("reject", _("Turn down")),
            ("cancel", _("Cancel")),
            ("waitlist", _("Move to the waiting list")),
            ("seat", _("Give a seat now")),
            ("message", _("Write to them")),
            *[
                (f"role-{value}", _("Role: %(role)s") % {"role": label})
                for value, label in ParticipantRole.choices
            ],
        ]
    )
    registrations = forms.TypedMultipleChoiceField(coerce=int, choices=[], required=False)
    everything = forms.BooleanField(required=False)
    matching = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    body = forms.CharField(label=_("Message"), max_length=20_000, required=False, widget=forms.Textarea)

    def clean(self):
        data = super().clean()
        if not data.get("registrations") and not (
            data.get("everything") and data.get("matching") is not None
        ):
            raise forms.ValidationError(_("Tick at least one registration and choose what to do."))
        if data.get("action") == "message" and not (
            data.get("subject", "").strip() and data.get("body", "").strip()
        ):
            raise forms.ValidationError(_("A message needs a subject and a text."))
        return data

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registrations"].choices = [
            (pk, pk) for pk in conference.registrations.values_list("pk", flat=True)
        ]


class DelegateListForm(PlainTextMixin, forms.Form):
    delegates = forms.CharField(
        label=_("Delegates to add"),
        max_length=40000,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        roles = ", ".join(value for value, _label in conference.public_role_choices())
        self.fields["delegates"].help_text = _(
            "One delegate per line: name, email, country, and optionally role (%(roles)s), separated by "
            "commas or semicolons, or copied from a spreadsheet."
        ) % {"roles": roles}


class DelegateChangeForm(PlainTextMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    country = forms.ChoiceField(label=_("Country"), widget=FastSelect)
    # Any role here; registrations.services.delegations.change_delegate allows the conference's open roles.
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()


class DelegationForm(PlainTextMixin, forms.Form):
    """The organizers open a delegation for an organization of the directory and send its contact the link."""

    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None, widget=FastSelect)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact's email"), max_length=254)
    language = forms.ChoiceField(label=_("Language of the mails"), choices=site_language_choices)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class QuotaForm(forms.Form):
    """At most so many delegates for one organization, or for every organization of a kind."""

    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=None, required=False, widget=FastSelect
    )
    organization_kind = forms.ChoiceField(label=_("or every organization of the kind"), required=False)
    seats = forms.IntegerField(label=_("Delegates at most"), min_value=0, max_value=100000)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization_kind"].choices = with_blank(OrganizationKind.choices, "—")

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("organization")) == bool(cleaned.get("organization_kind")):
            raise forms.ValidationError(_("Choose an organization or a kind of organization, not both."))
        return cleaned
