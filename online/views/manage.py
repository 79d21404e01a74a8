"""The organizers' side of online participation: who joined which session, the reminders before the
start, and the BigBlueButton server."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from common.forms import add_service_error
from events.permissions import Action, role_allows, team_required
from online import services
from online.forms import BigBlueButtonServerForm, StartReminderForm
from online.models import BigBlueButtonServer
from online.selectors import attendance_by_session, online_attendees


def _page(request, conference, membership, *, form=None, status=200):
    reminders = list(conference.start_reminders.all())
    starts_at = services.conference_start(conference)
    for reminder in reminders:
        reminder.due_at = starts_at - timedelta(minutes=reminder.minutes_before)
    context = {
        "conference": conference,
        "membership": membership,
        "sessions": attendance_by_session(conference),
        "attendees": online_attendees(conference),
        "present": conference.registrations.present().count(),
        "server": BigBlueButtonServer.objects.filter(conference=conference).first(),
        "reminders": reminders,
        "starts_at": starts_at,
        "ends_at": services.conference_end(conference),
        "form": form or StartReminderForm(),
        "can_change": role_allows(membership.role, Action.CHANGE),
    }
    return render(request, "online/manage/attendance_list.html", context, status=status)


@team_required(Action.VIEW)
def attendance_list(request, conference, membership):
    return _page(request, conference, membership)


@team_required(Action.CHANGE)
@require_POST
def reminder_create(request, conference, membership):
    form = StartReminderForm(request.POST)
    if form.is_valid():
        try:
            services.add_start_reminder(conference, minutes_before=form.minutes_before)
        except ValidationError as error:
            form.add_error("amount", error.message_dict["minutes_before"])
        else:
            messages.success(request, pgettext("a reminder before the start", "The reminder is planned."))
            return redirect("online:manage-attendance-list", slug=conference.slug)
    return _page(request, conference, membership, form=form, status=400)


@team_required(Action.CHANGE)
@require_POST
def reminder_delete(request, conference, membership, pk: int):
    reminder = get_object_or_404(conference.start_reminders, pk=pk)
    try:
        services.remove_start_reminder(reminder)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The reminder is removed."))
    return redirect("online:manage-attendance-list", slug=conference.slug)


@team_required(Action.VIEW)
def bigbluebutton_edit(request, conference, membership):
    server = BigBlueButtonServer.objects.filter(conference=conference).first()
    initial = {"api_url": server.api_url, "enabled": server.enabled} if server else {"enabled": True}
    form = BigBlueButtonServerForm(
        request.POST if request.method == "POST" else None, initial=initial, has_secret=server is not None
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_bigbluebutton_server(conference, **form.cleaned_data)
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
