"""Published documents: the list with search, each on its page, and their files."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from common import uploads
from events import selectors as event_selectors
from proceedings import permissions, selectors
from proceedings.forms.documents import (
    PublicFilterForm,
    applied_filters,
)

PER_PAGE = 30


@require_safe
def document_list(request, slug: str):
    conference, membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    form = PublicFilterForm(request.GET or None, facets=selectors.published_facets(conference))
    documents = selectors.filter_documents(selectors.published_documents(conference), applied_filters(form))
    context = {
        "conference": conference,
        "membership": membership,
        "submission_offered": selectors.submission_offered(request.user, conference, membership),
        "form": form,
        "page": Paginator(documents, PER_PAGE).get_page(request.GET.get("page")),
    }
    return render(request, "proceedings/public/document_list.html", context)


def _visible_document(request, slug: str, pk: int):
    """The conference, its team membership and the document, or 404 for anyone who may not see it:
    an unpublished document is not revealed to a guessed URL."""
    conference, membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    document = get_object_or_404(selectors.with_files(conference.documents), pk=pk)
    if not permissions.may_see(request.user, document, membership):
        raise Http404
    return conference, membership, document


@require_safe
def document_detail(request, slug: str, pk: int):
    conference, membership, document = _visible_document(request, slug, pk)
    context = {
        "conference": conference,
        "membership": membership,
        "document": document,
        "is_submitter": permissions.is_submitter(request.user, document),
    }
    response = render(request, "proceedings/public/document_detail.html", context)
    if not document.is_published:
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def document_file(request, slug: str, pk: int, file_pk: int):
    conference, _membership, document = _visible_document(request, slug, pk)
    stored = next((item for item in document.files.all() if item.pk == file_pk), None)
    if stored is None or not stored.file or stored.file_kind not in uploads.KIND_BY_KEY:
        raise Http404
    title = document.title if stored.is_original else f"{document.title} ({stored.language})"
    try:
        return uploads.file_response(
            request,
            stored.file,
            uploads.KIND_BY_KEY[stored.file_kind],
            title,
            public=document.is_published and conference.is_public,
            size=stored.file_size,
        )
    except FileNotFoundError as error:
        raise Http404 from error
