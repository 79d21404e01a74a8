"""The declarations as the public, the participants and the delegates see them."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from events import selectors as event_selectors
from proceedings import diff, permissions, selectors


@require_safe
def declaration_list(request, slug: str):
    """Every published declaration in full, with its amendments and votes: the page to print."""
    conference, membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    language = request.GET.get("lang", "")[:10]
    shown = []
    for declaration in selectors.published_declarations(conference):
        version, translation, translations = selectors.declaration_reading(
            declaration, language, version=declaration.current_versions[0]
        )
        paragraphs, orphans = selectors.annotated_text(
            declaration, version, translation, amendments=declaration.amendment_list
        )
        shown.append(
            {
                "declaration": declaration,
                "version": version,
                "translation": translation,
                "translations": translations,
                "paragraphs": paragraphs,
                "orphans": orphans,
            }
        )
    context = {"conference": conference, "membership": membership, "shown": shown}
    return render(request, "proceedings/public/declaration_list.html", context)


@require_safe
def declaration_detail(request, slug: str, pk: int):
    """One declaration as it stands: for delegates while amendments are open, with their proposals."""
    conference, membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    declaration = selectors.declaration_for(request.user, conference, membership, pk)
    language = request.GET.get("lang", "")[:10]
    version, translation, translations = selectors.declaration_reading(declaration, language)
    paragraphs, orphans = selectors.annotated_text(declaration, version, translation)
    delegate = selectors.delegate_registration(request.user, conference)
    context = {
        "conference": conference,
        "membership": membership,
        "declaration": declaration,
        "version": version,
        "translation": translation,
        "translations": translations,
        "paragraphs": paragraphs,
        "orphans": orphans,
        "versions": declaration.versions.all(),
        "window_open": permissions.window_is_open(declaration),
        "may_propose": permissions.may_propose(delegate, declaration),
    }
    return render(request, "proceedings/public/declaration_detail.html", context)


@require_safe
def declaration_compare(request, slug: str, pk: int):
    conference, membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    declaration = selectors.declaration_for(request.user, conference, membership, pk)
    versions = list(declaration.versions.all())
    by_number = {version.number: version for version in versions}
    try:
        before = by_number[int(request.GET.get("from", 1))]
        after = by_number[int(request.GET.get("to", versions[-1].number))]
    except (KeyError, ValueError, IndexError):
        raise Http404 from None
    context = {
        "conference": conference,
        "declaration": declaration,
        "versions": versions,
        "before": before,
        "after": after,
        "rows": diff.compare(before, after),
    }
    return render(request, "proceedings/public/declaration_compare.html", context)
