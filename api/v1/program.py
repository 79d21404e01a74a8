"""Rooms, tracks and sessions: the team's, and the public program that needs no token."""

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from api import access, conditional
from api.pagination import PageQuery, page_answer
from api.problems import changes, invalid
from api.throttling import PublicRateThrottle
from api.v1 import schemas
from events import selectors as event_selectors
from events.permissions import Action
from program import selectors, services
from program.enums import SessionKind
from program.models import Room, Track
from registrations import services as registration_services

router = Router(tags=["program"])
public_router = Router(tags=["public"], auth=None, throttle=PublicRateThrottle())


class SessionQuery(PageQuery):
    track: int | None = None
    kind: SessionKind | None = None
    language: str = Field("", max_length=10)


class ProgramQuery(Schema):
    track: str = Field("", max_length=100, description="a track's name, in any language")
    kind: SessionKind | None = None
    language: str = Field("", max_length=10)


@router.get("/conferences/{slug}/rooms", response=schemas.page_of(schemas.Room))
def room_list(request, slug: str, query: Query[PageQuery]):
    conference = access.conference_for(request, slug)
    return page_answer(conference.rooms.all(), query, ordering="position")


@router.post("/conferences/{slug}/rooms", response={201: schemas.Room})
def room_create(request, slug: str, payload: schemas.RoomIn):
    conference = access.conference_for(request, slug, Action.CHANGE)
    room = Room(conference=conference, **payload.dict())
    services.save_room_or_track(room)
    return Status(201, room)


@router.get("/conferences/{slug}/tracks", response=schemas.page_of(schemas.Track))
def track_list(request, slug: str, query: Query[PageQuery]):
    conference = access.conference_for(request, slug)
    return page_answer(conference.tracks.all(), query, ordering="pk")


@router.post("/conferences/{slug}/tracks", response={201: schemas.Track})
def track_create(request, slug: str, payload: schemas.TrackIn):
    conference = access.conference_for(request, slug, Action.CHANGE)
    track = Track(conference=conference, **payload.dict())
    services.save_room_or_track(track)
    return Status(201, track)


def placed(conference, fields: dict) -> dict:
    """room_id and track_id as the conference's own room and track, else a 422 naming the field."""
    for name, model in (("room_id", Room), ("track_id", Track)):
        if name not in fields:
            continue
        pk = fields.pop(name)
        found = None if pk is None else model.objects.filter(conference=conference, pk=pk).first()
        if pk is not None and found is None:
            raise invalid((name, _("No such room or track in this conference.")))
        fields[name.removesuffix("_id")] = found
    return fields


def session_of(conference, pk: int):
    sessions = conference.sessions.select_related("conference", "room", "track").prefetch_related("people")
    return get_object_or_404(sessions, pk=pk)


@transaction.atomic
def saved_with_people(session, people: list | None):
    """The session's people replaced when given, and linked to the registrations of their addresses."""
    if people is not None:
        registration_services.link_session_people(services.set_people(session, people))
    return session_of(session.conference, session.pk)


@router.get("/conferences/{slug}/sessions", response=schemas.page_of(schemas.Session))
def session_list(request, slug: str, query: Query[SessionQuery]):
    conference = access.conference_for(request, slug)
    sessions = conference.sessions.prefetch_related("people")
    if query.track is not None:
        sessions = sessions.filter(track_id=query.track)
    if query.kind:
        sessions = sessions.filter(kind=query.kind)
    if query.language:
        sessions = sessions.filter(language=query.language)
    return page_answer(sessions, query, ordering="starts_at")


@router.post("/conferences/{slug}/sessions", response={201: schemas.Session})
def session_create(request, slug: str, payload: schemas.SessionIn):
    conference = access.conference_for(request, slug, Action.CHANGE)
    fields = placed(conference, payload.dict())
    people = fields.pop("people")
    with transaction.atomic():
        return Status(201, saved_with_people(services.create_session(conference, **fields), people))


@router.get("/conferences/{slug}/sessions/{pk}", response={200: schemas.Session, 304: None})
def session_detail(request, response: HttpResponse, slug: str, pk: int):
    conference = access.conference_for(request, slug)
    return conditional.read(request, response, schemas.Session, session_of(conference, pk))


@router.patch(
    "/conferences/{slug}/sessions/{pk}", response=schemas.Session, summary="Change or move a session"
)
def session_update(request, slug: str, pk: int, payload: schemas.SessionChange):
    conference = access.conference_for(request, slug, Action.CHANGE)
    session = session_of(conference, pk)
    conditional.check_if_match(request, schemas.Session, session)
    fields = placed(conference, changes(payload, nullable=("room_id", "track_id")))
    people = fields.pop("people", None)
    with transaction.atomic():
        return saved_with_people(services.update_session(session, **fields), people)


@router.post("/conferences/{slug}/sessions/{pk}/cancel", response=schemas.Session)
def session_cancel(request, slug: str, pk: int):
    conference = access.conference_for(request, slug, Action.CHANGE)
    session = session_of(conference, pk)
    conditional.check_if_match(request, schemas.Session, session)
    return services.cancel_session(session)


@public_router.get("/conferences/{slug}/program", response=list[schemas.PublicSession],
                   summary="The public program of a published conference")  # fmt: skip
def public_program(request, slug: str, query: Query[ProgramQuery]):
    conference, _membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    return selectors.program_sessions(
        conference, track=query.track, kind=query.kind or "", language=query.language
    )
