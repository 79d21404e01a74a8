from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import selectors
from events.forms.invitations import InviteForm
from events.permissions import Action, role_allows, team_required
from events.services.invitations import invite


def _render(request, conference, membership, form):
    context = {
        "conference": conference,
        "membership": membership,
        "form": form,
        "invitations": selectors.invitation_list(conference),
        "summary": selectors.invitation_summary(conference),
        "can_change": role_allows(membership.role, Action.CHANGE),
    }
    return render(request, "events/manage/invitation_list.html", context)


@team_required(Action.VIEW)
def invitation_list(request, conference, membership):
    return _render(
        request,
        conference,
        membership,
        InviteForm(initial={"language": conference.working_languages[:1] or ["en"]}),
    )


@require_POST
@team_required(Action.CHANGE)
def invitation_create(request, conference, membership):
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation, created = invite(conference, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if created:
                messages.success(
                    request, _("The invitation to %(email)s is on its way.") % {"email": invitation.email}
                )
            else:
                messages.warning(
                    request,
                    _("%(email)s is already invited; nothing was sent again.") % {"email": invitation.email},
                )
            return redirect("events:manage-invitation-list", slug=conference.slug)
    return _render(request, conference, membership, form)
