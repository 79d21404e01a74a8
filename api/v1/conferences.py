"""The caller, their conferences, and a conference's settings."""

from django.http import HttpResponse
from ninja import Query, Router

from api import access, conditional
from api.pagination import PageQuery, page_answer
from api.problems import changes
from api.v1 import schemas
from events.models import Conference
from events.permissions import Action
from registrations import selectors as registration_selectors
from registrations import services as registration_services

router = Router(tags=["conferences"])

NULLABLE_SETTINGS = ("capacity", "registration_opens_at", "registration_closes_at")


@router.get("/me", response=schemas.Me, summary="Who the token or session belongs to")
def me(request):
    token = request.api_token
    return {
        "email": request.user.email,
        "token_name": token.name if token else None,
        "scope": token.scope if token else "write",
        "conference": token.conference.slug if token and token.conference_id else None,
    }


@router.get("/conferences", response=schemas.page_of(schemas.Conference), summary="Your conferences")
def conference_list(request, query: Query[PageQuery]):
    conferences = [membership.conference_id for membership in access.memberships(request)]
    return page_answer(Conference.objects.filter(pk__in=conferences), query, ordering="starts_on")


@router.get("/conferences/{slug}", response={200: schemas.Conference, 304: None})
def conference_detail(request, response: HttpResponse, slug: str):
    conference = access.conference_for(request, slug)
    return conditional.read(request, response, schemas.Conference, conference)


@router.patch("/conferences/{slug}", response=schemas.Conference, summary="Change a conference's settings")
def conference_update(request, slug: str, payload: schemas.ConferenceChange):
    conference = access.conference_for(request, slug, Action.CHANGE)
    conditional.check_if_match(request, schemas.Conference, conference)
    change = registration_services.change_conference(
        conference, **changes(payload, nullable=NULLABLE_SETTINGS)
    )
    return change.conference


@router.get("/conferences/{slug}/participation", response=schemas.Participation)
def participation(request, slug: str):
    conference = access.conference_for(request, slug)
    figures = registration_selectors.participation(conference)
    return {
        "total": figures.total,
        "countries": figures.countries,
        "continents": figures.continents,
        "by_continent": [(str(name), count) for name, count in figures.by_continent],
        "by_country": [
            {"code": code, "name": str(name), "count": count} for code, name, count in figures.by_country
        ],
        "other_countries": figures.other_countries,
        "threshold": figures.threshold,
    }
