"""Statements the conference issues: each on its own page, with its translations."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from events import selectors as event_selectors
from proceedings import selectors


@require_safe
def statement_detail(request, slug: str, pk: int):
    conference, membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    visible = selectors.visible_statements(conference, membership)
    statement = get_object_or_404(visible, pk=pk)
    # The original is named only if this reader may see it too.
    original = (
        statement
        if statement.translation_of_id is None
        else visible.filter(pk=statement.translation_of_id).first()
    )
    family = statement.translation_of_id or statement.pk
    versions = list(
        visible.filter(Q(pk=family) | Q(translation_of=family)).order_by("translation_of", "language")
    )
    context = {"conference": conference, "statement": statement, "original": original, "versions": versions}
    return render(request, "proceedings/public/statement_detail.html", context)
