"""Preparatory meetings, co-organizers, and the shared organization directory (for organizers only,
as on the pages)."""

from django.http import Http404
from ninja import Field, Query, Router

from api import access
from api.pagination import PageQuery, page_answer
from api.v1 import schemas
from events import permissions
from events.models import Organization

router = Router(tags=["conferences"])


class DirectoryQuery(PageQuery):
    q: str = Field("", max_length=200, description="in the name")
    country: str = Field("", max_length=2)
    kind: str = Field("", max_length=20)


@router.get("/conferences/{slug}/meetings", response=schemas.page_of(schemas.Meeting))
def meeting_list(request, slug: str, query: Query[PageQuery]):
    conference = access.conference_for(request, slug)
    return page_answer(conference.meetings.all(), query, ordering="starts_at")


@router.get("/conferences/{slug}/co-organizers", response=list[schemas.CoOrganizer])
def co_organizer_list(request, slug: str):
    conference = access.conference_for(request, slug)
    return conference.co_organizers.select_related("organization").order_by("position", "pk")


@router.get("/organizations", response=schemas.page_of(schemas.Organization),
            summary="The shared organization directory (organizers of some conference only)")  # fmt: skip
def organization_list(request, query: Query[DirectoryQuery]):
    token = request.api_token
    if not permissions.may_read_directory(request.user) or (token is not None and token.conference_id):
        raise Http404
    organizations = Organization.objects.all()
    if query.q:
        organizations = organizations.filter(name__icontains=query.q.replace("\x00", ""))
    if query.country:
        organizations = organizations.filter(country=query.country.upper())
    if query.kind:
        organizations = organizations.filter(kind=query.kind)
    return page_answer(organizations, query, ordering="name")
