"""The organizers' program editor: sessions by day with their clashes, rooms and tracks."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST, require_safe

from common import uploads
from common.forms import add_service_error, error_summary
from events.permissions import Action, role_allows, team_required
from program import selectors, services
from program.forms import (
    ChannelsFormSet,
    MaterialsFormSet,
    MoveForm,
    PeopleFormSet,
    RoomForm,
    SessionForm,
    TrackForm,
)
from registrations import services as registration_services

# Besides the title and abstract in each language the form shows.
EDITABLE = ["kind", "starts_at", "ends_at", "room", "track", "language", "interpretation_languages", "status",
            "online_link", "backstage_link", "recording_url"]  # fmt: skip


# The room and track forms share the editor's page: ids of their own, so that each label names its own field.
ROOM_IDS, TRACK_IDS = "id_room_%s", "id_track_%s"


def room_form(conference, data=None) -> RoomForm:
    return RoomForm(data, auto_id=ROOM_IDS, languages=conference.working_languages)


def track_form(conference, data=None) -> TrackForm:
    return TrackForm(data, auto_id=TRACK_IDS, languages=conference.working_languages)


@team_required(Action.VIEW)
@require_safe
def program_editor(request, conference, membership):
    return _editor(request, conference, membership, room_form(conference), track_form(conference))


def _editor(request, conference, membership, room_form, track_form, status: int = 200):
    sessions = list(selectors.program_sessions(conference))
    rooms = list(conference.rooms.all())
    clashes = selectors.clashes(sessions)
    for session in sessions:
        session.clashes = clashes.get(session.pk, [])
    selectors.place_in_columns(sessions, rooms)
    context = {
        "conference": conference,
        "membership": membership,
        "days": selectors.by_day(sessions, conference.zone),
        "room_form": room_form,
        "track_form": track_form,
        "rooms": rooms,
        "tracks": conference.tracks.all(),
        "can_change": role_allows(membership.role, Action.CHANGE),
    }
    with timezone.override(conference.zone):
        return render(request, "program/manage/program_editor.html", context, status=status)


def _session_form(request, conference, membership, session=None):
    """The session with its speakers and chair, its materials and its interpretation channels, saved
    together or not at all."""
    posted = request.method == "POST"
    with timezone.override(conference.zone):
        form = SessionForm(request.POST if posted else None, instance=session, conference=conference)
        formsets = {
            "people": PeopleFormSet(request.POST if posted else None, instance=session, prefix="people"),
            "materials": MaterialsFormSet(
                request.POST if posted else None,
                request.FILES if posted else None,
                instance=session,
                prefix="materials",
            ),
            "channels": ChannelsFormSet(
                request.POST if posted else None, instance=session, prefix="channels"
            ),
        }
        clashes = []
        if posted and form.is_valid() and all(formset.is_valid() for formset in formsets.values()):
            fields = {name: form.cleaned_data[name] for name in [*form.text_columns(), *EDITABLE]}
            people_names = [
                person["name"]
                for person in formsets["people"].cleaned_data
                if person and not person.get("DELETE")
            ]
            try:
                if session is None:
                    candidate = services.build_session(conference, **fields)
                else:
                    candidate = services.with_changes(session, **fields)
                clashes = services.conflicts(candidate, people_names)
                if not clashes or form.cleaned_data["confirm_conflicts"]:
                    with uploads.atomic():  # a rollback takes the materials' new files with it
                        if session is None:
                            saved = services.create_session(conference, **fields)
                        else:
                            saved = services.update_session(session, **fields)
                        for formset in formsets.values():
                            formset.instance = saved
                            formset.save()
                        uploads.delete_after_commit(
                            material.file.name for material in formsets["materials"].deleted_objects
                        )
                        registration_services.link_session_people(saved.people.select_related("session"))
                    messages.success(
                        request, pgettext("a session", "“%(title)s” is saved.") % {"title": saved.title}
                    )
                    return redirect("program:manage-program-editor", slug=conference.slug)
            except ValidationError as error:
                add_service_error(form, error)
        context = {"conference": conference, "membership": membership, "form": form, "session": session,
                   "clashes": clashes, **formsets}  # fmt: skip
        invalid = form.errors or any(formset.total_error_count() for formset in formsets.values())
        return render(
            request,
            "program/manage/session_form.html",
            context,
            status=400 if invalid or clashes else 200,
        )


@team_required(Action.CHANGE)
def session_create(request, conference, membership):
    return _session_form(request, conference, membership)


@team_required(Action.CHANGE)
def session_edit(request, conference, membership, pk: int):
    session = get_object_or_404(conference.sessions.select_related("conference", "room"), pk=pk)
    return _session_form(request, conference, membership, session)


@team_required(Action.CHANGE)
@require_POST
def room_add(request, conference, membership):
    form = room_form(conference, request.POST)
    if _add(conference, form):
        messages.success(request, _("The room is added."))
        return redirect("program:manage-program-editor", slug=conference.slug)
    return _editor(request, conference, membership, form, track_form(conference), status=400)


@team_required(Action.CHANGE)
@require_POST
def track_add(request, conference, membership):
    form = track_form(conference, request.POST)
    if _add(conference, form):
        messages.success(request, _("The track is added."))
        return redirect("program:manage-program-editor", slug=conference.slug)
    return _editor(request, conference, membership, room_form(conference), form, status=400)


def _add(conference, form) -> bool:
    """Whether the room or track of the form is added; if not, the form says why (the editor shows it
    again, with what was typed, rather than the error alone at the top of the page)."""
    if not form.is_valid():
        return False
    item = form.save(commit=False)
    item.conference = conference
    try:
        services.save_room_or_track(item)
    except ValidationError as error:
        add_service_error(form, error)
        return False
    return True


@team_required(Action.CHANGE)
def room_edit(request, conference, membership, pk: int):
    room = get_object_or_404(conference.rooms, pk=pk)
    return _edit(request, conference, membership, RoomForm(request.POST or None, instance=room), room)


@team_required(Action.CHANGE)
def track_edit(request, conference, membership, pk: int):
    track = get_object_or_404(conference.tracks, pk=pk)
    return _edit(request, conference, membership, TrackForm(request.POST or None, instance=track), track)


def _edit(request, conference, membership, form, item):
    """Change or delete a room or a track (a room still holding sessions is not deleted)."""
    if request.method == "POST" and request.POST.get("delete"):
        try:
            services.delete_room_or_track(item)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(request.path)
        messages.success(request, _("%(name)s is deleted.") % {"name": item.name})
        return redirect("program:manage-program-editor", slug=conference.slug)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_room_or_track(form.save(commit=False))
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": item.name})
            return redirect("program:manage-program-editor", slug=conference.slug)
    context = {"conference": conference, "membership": membership, "form": form, "item": item}
    status = 400 if form.errors else 200
    return render(request, "program/manage/room_or_track_form.html", context, status=status)


@team_required(Action.CHANGE)
def session_delete(request, conference, membership, pk: int):
    """A page that names what goes with the session (GET); the deletion (POST). The History keeps it."""
    session = get_object_or_404(conference.sessions.select_related("conference", "room"), pk=pk)
    if request.method != "POST":
        context = {"conference": conference, "membership": membership, "session": session,
                   "counts": selectors.deletion_counts(session)}  # fmt: skip
        return render(request, "program/manage/session_delete.html", context)
    services.delete_session(session)
    messages.success(
        request, _("“%(title)s” is deleted; its speakers and followers were told.") % {"title": session.title}
    )
    return redirect("program:manage-program-editor", slug=conference.slug)


@team_required(Action.CHANGE)
@require_POST
def session_move(request, conference, membership, pk: int):
    """Move a session to a new start (same length) and room from the editor's row, without a page
    reload when htmx is there: clashes come back in the row, to confirm or change."""
    session = get_object_or_404(conference.sessions.select_related("conference", "room"), pk=pk)
    context = {
        "conference": conference,
        "session": session,
        "rooms": list(conference.rooms.all()),
        "can_change": True,
    }
    with timezone.override(conference.zone):
        form = MoveForm(request.POST, conference=conference)
        if not form.is_valid():
            context["move_error"] = error_summary(form)
        else:
            starts_at, room = form.cleaned_data["starts_at"], form.cleaned_data["room"]
            fields = services.moved_to(session, starts_at=starts_at, room=room)
            try:
                clashes = services.conflicts(services.with_changes(session, **fields))
                if clashes and not request.POST.get("confirm"):
                    context.update(
                        move_clashes=clashes, moved_start=starts_at, moved_room=room.pk if room else None
                    )
                else:
                    session = services.update_session(session, **fields)
                    context["session"] = session
            except ValidationError as error:
                context["move_error"] = " ".join(error.messages)
    if not request.htmx:  # no JavaScript: back to the editor, with what happened
        if "move_clashes" in context or "move_error" in context:
            messages.error(request, " ".join(context.get("move_clashes") or [context.get("move_error", "")]))
        return redirect("program:manage-program-editor", slug=conference.slug)
    session.clashes = selectors.clashes(list(selectors.program_sessions(conference))).get(session.pk, [])
    selectors.place_in_columns([session], context["rooms"])
    return render(request, "program/partials/editor_item.html", context)
