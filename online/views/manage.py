"""The organizers' view of online participation: who joined which session."""

from django.shortcuts import render

from events.permissions import Action, team_required
from online.selectors import attendance_by_session, online_attendees


@team_required(Action.VIEW)
def attendance_list(request, conference, membership):
    context = {
        "conference": conference,
        "membership": membership,
        "sessions": attendance_by_session(conference),
        "attendees": online_attendees(conference),
        "present": conference.registrations.confirmed().filter(checked_in_at__isnull=False).count(),
    }
    return render(request, "online/manage/attendance_list.html", context)
