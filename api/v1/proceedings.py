"""Documents, declarations with their amendments (outcomes recorded here), statements; and the
published proceedings, which need no token."""

from django.shortcuts import get_object_or_404
from ninja import Query, Router

from api import access
from api.pagination import PageQuery, page_answer
from api.throttling import PublicRateThrottle
from api.v1 import schemas
from events import selectors as event_selectors
from events.permissions import Action
from proceedings import selectors
from proceedings.services import amendments

router = Router(tags=["proceedings"])
public_router = Router(tags=["public"], auth=None, throttle=PublicRateThrottle())


@router.get("/conferences/{slug}/documents", response=schemas.page_of(schemas.Document))
def document_list(request, slug: str, query: Query[PageQuery]):
    conference = access.conference_for(request, slug)
    return page_answer(conference.documents.all(), query, ordering="created_at")


@router.get("/conferences/{slug}/declarations", response=schemas.page_of(schemas.Declaration))
def declaration_list(request, slug: str, query: Query[PageQuery]):
    conference = access.conference_for(request, slug)
    declarations = selectors.with_texts(conference.declarations.all())
    return page_answer(declarations, query, ordering="created_at")


def declaration_of(conference, pk: int):
    return get_object_or_404(selectors.with_texts(conference.declarations.all()), pk=pk)


@router.get("/conferences/{slug}/declarations/{pk}", response=schemas.DeclarationDetail)
def declaration_detail(request, slug: str, pk: int):
    return declaration_of(access.conference_for(request, slug), pk)


@router.post(
    "/conferences/{slug}/declarations/{pk}/amendments/{amendment}/outcome",
    response=schemas.Amendment,
    summary="Record what the conference decided on an amendment",
)
def amendment_outcome(request, slug: str, pk: int, amendment: int, payload: schemas.OutcomeIn):
    conference = access.conference_for(request, slug, Action.CHANGE)
    declaration = get_object_or_404(conference.declarations, pk=pk)
    found = get_object_or_404(declaration.amendments, pk=amendment)
    return amendments.record_outcome(found, user=request.user, **payload.dict())


@router.get("/conferences/{slug}/statements", response=schemas.page_of(schemas.Statement))
def statement_list(request, slug: str, query: Query[PageQuery]):
    conference = access.conference_for(request, slug)
    statements = selectors.visible_statements(conference, membership=True)
    return page_answer(statements, query, ordering="created_at")


@public_router.get("/conferences/{slug}/declarations", response=list[schemas.DeclarationDetail],
                   summary="The published declarations of a published conference")  # fmt: skip
def public_declarations(request, slug: str):
    conference, _membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    return selectors.published_declarations(conference)


@public_router.get("/conferences/{slug}/documents", response=list[schemas.Document],
                   summary="The published documents of a published conference")  # fmt: skip
def public_documents(request, slug: str):
    conference, _membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    return selectors.published_documents(conference)
