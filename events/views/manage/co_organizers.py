from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.forms import add_service_error
from events.forms.conferences import CoOrganizerForm
from events.permissions import Action, role_allows, team_required
from events.selectors import search_directory
from events.services import conferences as services


def _render_list(request, conference, membership, form):
    context = {
        "conference": conference,
        "membership": membership,
        "co_organizers": conference.co_organizers.select_related("organization"),
        "form": form,
        "can_change": role_allows(membership.role, Action.CHANGE),
        # Without JavaScript the search box submits ?q= here; with htmx it asks the search view.
        "search": search_directory(request.GET.get("q", "")),
    }
    return render(request, "events/manage/co_organizer_list.html", context)


@team_required(Action.VIEW)
def co_organizer_list(request, conference, membership):
    return _render_list(request, conference, membership, CoOrganizerForm())


@require_POST
@team_required(Action.CHANGE)
def co_organizer_add(request, conference, membership):
    form = CoOrganizerForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["organization"]:
                added = services.add_co_organizer(conference, organization=data["organization"])
            else:
                added = services.add_new_co_organizer(
                    conference, name=data["new_name"], kind=data["new_kind"], country=data["new_country"]
                )
        except ValidationError as error:
            add_service_error(
                form, error, renamed={"name": "new_name", "kind": "new_kind", "country": "new_country"}
            )
        else:
            messages.success(request, _("%(name)s is a co-organizer.") % {"name": added.organization})
            return redirect("events:manage-co-organizer-list", slug=conference.slug)
    return _render_list(request, conference, membership, form)


@require_POST
@team_required(Action.CHANGE)
def co_organizer_move(request, conference, membership, pk: int):
    co_organizer = get_object_or_404(conference.co_organizers, pk=pk)
    services.move_co_organizer(co_organizer, up=request.POST.get("direction") == "up")
    return redirect("events:manage-co-organizer-list", slug=conference.slug)


@require_POST
@team_required(Action.CHANGE)
def co_organizer_remove(request, conference, membership, pk: int):
    co_organizer = get_object_or_404(conference.co_organizers, pk=pk)
    services.remove_co_organizer(co_organizer)
    messages.success(
        request, _("%(name)s is no longer a co-organizer.") % {"name": co_organizer.organization}
    )
    return redirect("events:manage-co-organizer-list", slug=conference.slug)
