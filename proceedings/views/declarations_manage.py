"""The organizers' declaration work: drafts, the amendment window, outcomes, versions, the final vote."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from events.permissions import Action, role_allows, team_required


@team_required(Action.VIEW)
@require_safe
def declaration_list(request, conference, membership):
    context = {"conference": conference, "membership": membership,
               "declarations": conference.declarations.all(),
               "can_change": role_allows(membership.role, Action.CHANGE)}  # fmt: skip
    return render(request, "proceedings/manage/declaration_list.html", context)
