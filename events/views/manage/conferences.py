from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import selectors
from events.forms.conferences import ConferenceCreateForm, ConferenceForm
from events.permissions import (
    Action,
    creation_required,
    may_create_conference,
    role_allows,
    signed_in,
    team_required,
)
from events.services import conferences as services
from registrations import selectors as registration_selectors
from registrations import services as registration_services


@signed_in
def workspace(request):
    memberships = selectors.memberships_of(request.user)
    context = {"memberships": memberships, "may_create": may_create_conference(request.user)}
    return render(request, "events/manage/conference_list.html", context)


@creation_required
def conference_create(request):
    form = ConferenceCreateForm(request.POST if request.method == "POST" else None, languages=[])
    if request.method == "POST" and form.is_valid():
        try:
            conference = services.create_conference(created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The conference is created as a draft. Complete the checklist to publish it.")
            )
            return redirect("events:manage-conference-dashboard", slug=conference.slug)
    return render(request, "events/manage/conference_create.html", {"form": form})


@team_required(Action.VIEW)
def dashboard(request, conference, membership):
    context = {
        "conference": conference,
        "membership": membership,
        "checklist": services.publish_checklist(conference),
        "counts": {
            **selectors.dashboard_counts(conference),
            **registration_selectors.dashboard_counts(conference),
        },
        "can_change": role_allows(membership.role, Action.CHANGE),
    }
    return render(request, "events/manage/conference_dashboard.html", context)


@team_required(Action.VIEW)
def conference_edit(request, conference, membership):
    with timezone.override(conference.zone):
        form = ConferenceForm(
            request.POST if request.method == "POST" else None,
            instance=conference,
            user=request.user,
            languages=conference.working_languages,
        )
        if request.method == "POST" and form.is_valid():
            try:
                registration_services.change_conference(conference, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The conference has been saved."))
                return redirect("events:manage-conference-edit", slug=conference.slug)
        context = {
            "conference": conference,
            "membership": membership,
            "form": form,
            "can_change": role_allows(membership.role, Action.CHANGE),
        }
        return render(request, "events/manage/conference_edit.html", context)


def _change_status(request, conference, change, success: str):
    try:
        change(conference)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("events:manage-conference-dashboard", slug=conference.slug)


@require_POST
@team_required(Action.CHANGE)
def conference_publish(request, conference, membership):
    return _change_status(request, conference, services.publish_conference, _("The conference is published."))


@require_POST
@team_required(Action.CHANGE)
def conference_unpublish(request, conference, membership):
    return _change_status(
        request,
        conference,
        services.unpublish_conference,
        _("The conference is a draft again: only the team sees it."),
    )


@require_POST
@team_required(Action.CHANGE)
def conference_archive(request, conference, membership):
    return _change_status(request, conference, services.archive_conference, _("The conference is archived."))


@team_required(Action.VIEW)
def conference_history(request, conference, membership):
    page = selectors.history_page(conference, page_number=request.GET.get("page"))
    return render(
        request,
        "events/manage/conference_history.html",
        {"conference": conference, "membership": membership, "page": page},
    )
