from django import forms
from django.utils.text import Truncator
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from common.forms.choices import language_choices
from common.forms.fields import BoundedDateTimeField
from common.forms.widgets import FastSelect
from events.forms.conferences import DATETIME
from proceedings.enums import AmendmentKind, AmendmentOutcome


class DeclarationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    language = forms.ChoiceField(label=_("Original language"), widget=FastSelect)
    based_on = forms.ModelChoiceField(
        label=_("Based on"), queryset=None, required=False,
        help_text=_("The report the draft was written from, if any."),
    )  # fmt: skip
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown. Separate the paragraphs by an empty line: they are numbered in that order."),
    )

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["language"].initial = (conference.working_languages or [get_language()])[0]
        self.fields["based_on"].queryset = conference.documents.all()


class TextForm(forms.Form):
    text = DeclarationForm.base_fields["text"]
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class WindowForm(forms.Form):
    amendments_open_at = BoundedDateTimeField(label=_("Amendments open"), widget=DATETIME)
    amendments_close_at = BoundedDateTimeField(label=_("Amendments close"), widget=DATETIME, required=False)


class AmendmentForm(forms.Form):
    paragraph_number = forms.TypedChoiceField(label=_("Paragraph"), coerce=int)
    kind = forms.ChoiceField(
        label=pgettext_lazy("the kind of change an amendment proposes", "Change"),
        choices=AmendmentKind.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Proposed text"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The new paragraph, whole. Markdown. Not needed to delete a paragraph."),
    )  # fmt: skip
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))
    organization = forms.CharField(label=_("On behalf of"), max_length=200, required=False)

    def __init__(self, *args, paragraphs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph_number"].choices = [
            (number, f"§{number}: {Truncator(paragraph['text']).chars(70)}")
            for number, paragraph in enumerate(paragraphs, start=1)
        ]


class TallyForm(forms.Form):
    votes_for = forms.IntegerField(label=_("For"), min_value=0, max_value=10**6, required=False)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, max_value=10**6, required=False)
    abstentions = forms.IntegerField(label=_("Abstentions"), min_value=0, max_value=10**6, required=False)
    by_consensus = forms.BooleanField(label=_("By consensus"), required=False)
    tally_note = forms.CharField(label=_("In words"), max_length=200, required=False,
                                 help_text=_("For example: an overwhelming majority."))  # fmt: skip


class OutcomeForm(TallyForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AmendmentOutcome.choices)
    adopted_text = forms.CharField(
        label=_("Text as adopted"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only for “adopted as modified”."),
    )  # fmt: skip
    field_order = ["outcome", "votes_for", "votes_against", "abstentions", "by_consensus", "tally_note"]


class FinalVoteForm(TallyForm):
    adopted = forms.TypedChoiceField(
        label=_("The conference"), coerce=lambda value: value == "yes", widget=forms.RadioSelect,
        choices=[("yes", _("adopted the declaration")), ("no", _("did not adopt it"))],
    )  # fmt: skip
    field_order = ["adopted"]


class TranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), widget=FastSelect)
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("One translated paragraph for each of the original, separated by an empty line."),
    )  # fmt: skip
    is_published = forms.BooleanField(
        label=pgettext_lazy("a translation of a declaration", "Published"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
