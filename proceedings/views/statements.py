"""Statements the conference issues: each on its own page, with its translations."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from events import selectors as event_selectors
from proceedings import selectors


@require_safe
def statement_detail(request, slug: str, pk: int):
    conference, membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    statement = get_object_or_404(selectors.visible_statements(conference, membership), pk=pk)
    original = statement.translation_of or statement
    versions = [
        original,
        *selectors.visible_statements(conference, membership).filter(translation_of=original),
    ]
    context = {"conference": conference, "statement": statement, "original": original, "versions": versions}
    return render(request, "proceedings/statement_detail.html", context)
