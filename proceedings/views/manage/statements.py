"""The organizers' statements: written, translated and published with a date."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from events.permissions import Action, role_allows, team_required
from proceedings.forms.statements import StatementForm


@team_required(Action.VIEW)
@require_safe
def statement_list(request, conference, membership):
    statements = conference.statements.select_related("translation_of")
    context = {"conference": conference, "membership": membership, "statements": statements,
               "can_change": role_allows(membership.role, Action.CHANGE)}  # fmt: skip
    return render(request, "proceedings/manage/statement_list.html", context)


def _statement_form(request, conference, membership, statement=None):
    form = StatementForm(request.POST or None, instance=statement, conference=conference)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.conference = conference
        saved.save()
        messages.success(request, pgettext("a statement", "“%(title)s” is saved.") % {"title": saved.title})
        return redirect("proceedings:manage-statement-list", slug=conference.slug)
    context = {"conference": conference, "membership": membership, "form": form, "statement": statement}
    return render(
        request, "proceedings/manage/statement_form.html", context, status=400 if form.errors else 200
    )


@team_required(Action.CHANGE)
def statement_create(request, conference, membership):
    return _statement_form(request, conference, membership)


@team_required(Action.CHANGE)
def statement_edit(request, conference, membership, pk: int):
    return _statement_form(request, conference, membership, get_object_or_404(conference.statements, pk=pk))
