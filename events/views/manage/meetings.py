from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.site_urls import absolute_url
from events.calendar import calendar_response, meeting_item
from events.forms.meetings import AttendanceForm, MeetingForm, ParticipantForm
from events.permissions import Action, role_allows, team_required
from events.services import meetings as services


def _meeting(conference, pk: int):
    return get_object_or_404(conference.meetings.prefetch_related("participants__organization"), pk=pk)


@team_required(Action.VIEW)
def meeting_list(request, conference, membership):
    context = {
        "conference": conference,
        "membership": membership,
        "meetings": conference.meetings.all(),
        "can_change": role_allows(membership.role, Action.CHANGE),
    }
    return render(request, "events/manage/meeting_list.html", context)


@team_required(Action.CHANGE)
def meeting_create(request, conference, membership):
    with timezone.override(conference.zone):
        form = MeetingForm(
            request.POST if request.method == "POST" else None, languages=conference.working_languages
        )
        if request.method == "POST" and form.is_valid():
            try:
                meeting = services.create_meeting(conference, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The meeting is planned. Now invite its participants."))
                return redirect("events:manage-meeting-detail", slug=conference.slug, pk=meeting.pk)
        context = {"conference": conference, "membership": membership, "form": form}
        return render(request, "events/manage/meeting_form.html", context)


@team_required(Action.CHANGE)
def meeting_edit(request, conference, membership, pk: int):
    meeting = _meeting(conference, pk)
    with timezone.override(conference.zone):
        form = MeetingForm(
            request.POST if request.method == "POST" else None,
            instance=meeting,
            languages=conference.working_languages,
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.update_meeting(meeting, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The meeting has been saved."))
                return redirect("events:manage-meeting-detail", slug=conference.slug, pk=meeting.pk)
        context = {"conference": conference, "membership": membership, "form": form, "meeting": meeting}
        return render(request, "events/manage/meeting_form.html", context)


def _render_meeting(request, conference, membership, meeting, participant_form):
    context = {
        "conference": conference,
        "membership": membership,
        "meeting": meeting,
        "participant_form": participant_form,
        "attendance_form": AttendanceForm(),
        "can_change": role_allows(membership.role, Action.CHANGE),
    }
    return render(request, "events/manage/meeting_detail.html", context)


@team_required(Action.VIEW)
def meeting_detail(request, conference, membership, pk: int):
    meeting = _meeting(conference, pk)
    return _render_meeting(request, conference, membership, meeting, ParticipantForm(conference=conference))


@team_required(Action.VIEW)
def meeting_ics(request, conference, membership, pk: int):
    meeting = _meeting(conference, pk)
    url = absolute_url(
        reverse("events:manage-meeting-detail", kwargs={"slug": conference.slug, "pk": meeting.pk})
    )
    return calendar_response([meeting_item(meeting, url=url)], filename=f"meeting-{meeting.pk}.ics")


@require_POST
@team_required(Action.CHANGE)
def participant_add(request, conference, membership, pk: int):
    meeting = _meeting(conference, pk)
    form = ParticipantForm(request.POST, conference=conference)
    if form.is_valid():
        try:
            services.invite_to_meeting(meeting, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is invited.") % {"name": form.cleaned_data["name"]})
            return redirect("events:manage-meeting-detail", slug=conference.slug, pk=meeting.pk)
    return _render_meeting(request, conference, membership, meeting, form)


@require_POST
@team_required(Action.CHANGE)
def participant_update(request, conference, membership, pk: int, participant_pk: int):
    meeting = _meeting(conference, pk)
    participant = get_object_or_404(meeting.participants, pk=participant_pk)
    if request.POST.get("action") == "remove":
        services.remove_from_meeting(participant)
        messages.success(request, _("%(name)s is no longer invited.") % {"name": participant.name})
    else:
        form = AttendanceForm(request.POST)
        if form.is_valid():
            services.record_attendance(participant, attended=form.cleaned_data["attended"])
        else:
            messages.error(request, _("Choose present, absent or not recorded."))
    return redirect("events:manage-meeting-detail", slug=conference.slug, pk=meeting.pk)
