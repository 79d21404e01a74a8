from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.forms.team import TeamMemberForm, TeamNewsForm, TeamRoleForm
from events.models import ConferenceMembership
from events.permissions import Action, role_allows, signed_in, team_required
from events.services import team as services


def _render_team(request, conference, membership, form):
    context = {
        "conference": conference,
        "membership": membership,
        "members": conference.memberships.select_related("user").order_by("role", "user__email"),
        "form": form,
        "role_form": TeamRoleForm(),
        "news_form": TeamNewsForm(initial={"news": membership.news}),
        "can_manage_team": role_allows(membership.role, Action.MANAGE_TEAM),
    }
    return render(request, "events/manage/team_list.html", context)


@team_required(Action.VIEW)
def team_list(request, conference, membership):
    return _render_team(request, conference, membership, TeamMemberForm())


@require_POST
@team_required(Action.MANAGE_TEAM)
def team_add(request, conference, membership):
    form = TeamMemberForm(request.POST)
    if form.is_valid():
        try:
            added = services.add_team_member(conference, added_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(email)s is on the team; an invitation is on its way.") % {"email": added.user.email},
            )
            return redirect("events:manage-team-list", slug=conference.slug)
    return _render_team(request, conference, membership, form)


@require_POST
@team_required(Action.MANAGE_TEAM)
def team_role(request, conference, membership, pk: int):
    member = get_object_or_404(conference.memberships, pk=pk)
    form = TeamRoleForm(request.POST)
    if form.is_valid():
        try:
            services.change_team_role(member, role=form.cleaned_data["role"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role of %(email)s is changed.") % {"email": member.user.email})
    else:
        messages.error(request, _("Choose one of the roles."))
    return redirect("events:manage-team-list", slug=conference.slug)


@require_POST
@team_required(Action.MANAGE_TEAM)
def team_remove(request, conference, membership, pk: int):
    member = get_object_or_404(conference.memberships, pk=pk)
    try:
        services.remove_team_member(member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(email)s is no longer on the team.") % {"email": member.user.email})
    return redirect("events:manage-team-list", slug=conference.slug)


@require_POST
@signed_in
def team_news(request, pk: int):
    """A member's own choice of news, whatever their role (a viewer too): only their own membership."""
    membership = get_object_or_404(
        ConferenceMembership.objects.select_related("conference"), pk=pk, user=request.user
    )
    form = TeamNewsForm(request.POST)
    if form.is_valid():
        services.set_news(membership, news=form.cleaned_data["news"])
        messages.success(request, _("Your choice is saved."))
    else:
        messages.error(request, _("Choose one of the ways to hear the news."))
    return redirect("events:manage-team-list", slug=membership.conference.slug)
