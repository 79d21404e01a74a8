"""The organizers' view of online participation: who joined which session, and the meeting server."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.forms import add_service_error
from events.permissions import Action, role_allows, team_required
from online.forms import BigBlueButtonServerForm
from online.models import BigBlueButtonServer
from online.selectors import attendance_by_session, online_attendees
from online.services import save_bigbluebutton_server


@team_required(Action.VIEW)
def attendance_list(request, conference, membership):
    context = {
        "conference": conference,
        "membership": membership,
        "sessions": attendance_by_session(conference),
        "attendees": online_attendees(conference),
        "present": conference.registrations.confirmed().filter(checked_in_at__isnull=False).count(),
        "server": BigBlueButtonServer.objects.filter(conference=conference).first(),
    }
    return render(request, "online/manage/attendance_list.html", context)


@team_required(Action.VIEW)
def bigbluebutton_edit(request, conference, membership):
    server = BigBlueButtonServer.objects.filter(conference=conference).first()
    initial = {"api_url": server.api_url, "enabled": server.enabled} if server else {"enabled": True}
    form = BigBlueButtonServerForm(
        request.POST if request.method == "POST" else None, initial=initial, has_secret=server is not None
    )
    if request.method == "POST" and form.is_valid():
        try:
            save_bigbluebutton_server(conference, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The BigBlueButton server is saved."))
            return redirect("online:manage-bigbluebutton-edit", slug=conference.slug)
    context = {
        "conference": conference,
        "membership": membership,
        "form": form,
        "server": server,
        "can_change": role_allows(membership.role, Action.CHANGE),
    }
    return render(request, "online/manage/bigbluebutton_edit.html", context)
