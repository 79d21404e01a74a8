"""Registrations, as the desk sees them: the list with the page's filters, one registration, and what
the team does to it."""

from django.http import HttpResponse
from ninja import Field, Query, Router, Status

from api import access, conditional
from api.pagination import PageQuery, page_answer
from api.problems import changes
from api.v1 import schemas
from events.permissions import Action
from registrations import selectors, services
from registrations.enums import ParticipantRole, RegistrationStatus
from registrations.services import desk

router = Router(tags=["registrations"])


class RegistrationQuery(PageQuery):
    ordering: str = Field("created_at", pattern="^-?(created_at|full_name|updated_at)$")
    q: str = Field("", max_length=200, description="in the name, address or organization")
    status: RegistrationStatus | None = None
    role: ParticipantRole | None = None
    country: str = Field("", max_length=2)
    organization: int | None = None
    delegation: int | None = None
    continent: str = Field("", max_length=20)
    kind: str = Field("", max_length=20, description="the kind of organization")


def registrations_of(conference):
    return conference.registrations.select_related("organization")


def registration_of(conference, pk: int):
    return registrations_of(conference).filter(pk=pk).first() or access.not_found()


@router.get("/conferences/{slug}/registrations", response=schemas.page_of(schemas.Registration))
def registration_list(request, slug: str, query: Query[RegistrationQuery]):
    conference = access.conference_for(request, slug)
    filters = query.dict(exclude={"cursor", "limit", "ordering"}, exclude_none=True)
    registrations = selectors.filtered_registrations(conference, filters)
    return page_answer(registrations, query, ordering=query.ordering)


@router.post("/conferences/{slug}/registrations", response={201: schemas.Registration},
             summary="Register a person, as the team's import does")  # fmt: skip
def registration_create(request, slug: str, payload: schemas.RegistrationIn):
    conference = access.conference_for(request, slug, Action.CHANGE)
    fields = payload.dict()
    organization = access.organization_named(fields)
    registered = services.register(conference, organization=organization, outside_window=True, **fields)
    return Status(201, registered.registration)


@router.get("/conferences/{slug}/registrations/{pk}", response={200: schemas.Registration, 304: None})
def registration_detail(request, response: HttpResponse, slug: str, pk: int):
    conference = access.conference_for(request, slug)
    return conditional.read(request, response, schemas.Registration, registration_of(conference, pk))


@router.patch("/conferences/{slug}/registrations/{pk}", response=schemas.Registration)
def registration_update(request, slug: str, pk: int, payload: schemas.RegistrationChange):
    conference = access.conference_for(request, slug, Action.CHANGE)
    registration = registration_of(conference, pk)
    conditional.check_if_match(request, schemas.Registration, registration)
    desk.change_registration(registration, **changes(payload))
    return registration_of(conference, pk)


def act(request, slug: str, pk: int, action) -> object:
    conference = access.conference_for(request, slug, Action.CHANGE)
    registration = registration_of(conference, pk)
    conditional.check_if_match(request, schemas.Registration, registration)
    action(registration)
    return registration_of(conference, pk)


@router.post("/conferences/{slug}/registrations/{pk}/approve", response=schemas.Registration)
def registration_approve(request, slug: str, pk: int):
    return act(request, slug, pk, services.approve)


@router.post("/conferences/{slug}/registrations/{pk}/cancel", response=schemas.Registration)
def registration_cancel(request, slug: str, pk: int):
    return act(request, slug, pk, services.cancel)


@router.post("/conferences/{slug}/registrations/{pk}/check-in", response=schemas.Registration)
def registration_check_in(request, slug: str, pk: int, payload: schemas.CheckIn):
    return act(
        request, slug, pk, lambda registration: services.check_in(registration, present=payload.present)
    )
