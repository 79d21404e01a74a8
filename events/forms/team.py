from django import forms
from django.utils.translation import gettext_lazy as _

from events.enums import TeamRole


class TeamMemberForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices, initial=TeamRole.ORGANIZER)


class TeamRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)
