from django import forms
from django.utils.translation import gettext_lazy as _

from events.enums import TeamNews, TeamRole


class TeamMemberForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices, initial=TeamRole.ORGANIZER)


class TeamRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)


class TeamNewsForm(forms.Form):
    """A team member's own choice of how they hear of registrations and invitation answers."""

    news = forms.ChoiceField(
        label=_("How you hear of registrations"),
        choices=TeamNews.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "New registrations, cancellations, moves on the waiting list and answers to invitations, "
            "with their messages."
        ),
    )
