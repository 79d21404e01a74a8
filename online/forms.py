from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
