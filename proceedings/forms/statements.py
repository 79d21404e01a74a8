from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms.choices import language_choices
from common.forms.fields import BoundedDateField
from common.forms.widgets import FastSelect
from proceedings.models import Statement


class StatementForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), widget=FastSelect)

    class Meta:
        model = Statement
        fields = ["title", "language", "translation_of", "published_on", "body"]
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "body": forms.Textarea(attrs={"rows": 8}),
        }
        field_classes = {"published_on": BoundedDateField}

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        originals = conference.statements.filter(translation_of__isnull=True)
        if self.instance.pk:
            originals = originals.exclude(pk=self.instance.pk)
        self.fields["translation_of"].queryset = originals
        self.fields["translation_of"].help_text = _("Leave empty for an original statement.")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("translation_of") and self.instance.translations.exists():
            self.add_error(
                "translation_of", _("This statement has translations of its own; it stays an original.")
            )
        return cleaned
