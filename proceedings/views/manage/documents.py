"""The organizers' documents: the list with filters, the review page with its decisions, the files
and translations, and a submission on someone's behalf."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from common.forms import add_service_error
from events.permissions import Action, role_allows, team_required
from proceedings import selectors
from proceedings.enums import DocumentStatus
from proceedings.forms.documents import (
    CheckedFileForm,
    DecisionForm,
    DocumentDetailsForm,
    OnBehalfForm,
    RemoveFileForm,
    TeamFilterForm,
    TranslationForm,
    applied_filters,
)
from proceedings.services import documents as services

PER_PAGE = 50
DONE = {
    services.Decision.ACCEPT: gettext_lazy("The document is accepted."),
    services.Decision.CHANGES: gettext_lazy("Changes are asked for; the submitter is told by mail."),
    services.Decision.REJECT: gettext_lazy("The document is rejected; the submitter is told by mail."),
    services.Decision.PUBLISH: gettext_lazy("The document is published; the submitter is told by mail."),
    services.Decision.UNPUBLISH: gettext_lazy("The document is no longer public."),
}


@team_required(Action.VIEW)
@require_safe
def document_list(request, conference, membership):
    form = TeamFilterForm(request.GET or None)
    documents = selectors.filter_documents(selectors.team_documents(conference), applied_filters(form))
    context = {
        "conference": conference,
        "membership": membership,
        "form": form,
        "page": Paginator(documents, PER_PAGE).get_page(request.GET.get("page")),
        "counts": _labelled_counts(conference),
        "can_change": role_allows(membership.role, Action.CHANGE),
    }
    return render(request, "proceedings/manage/document_list.html", context)


def _labelled_counts(conference) -> list[tuple[str, int]]:
    counts = selectors.status_counts(conference)
    return [(label, counts[status]) for status, label in DocumentStatus.choices]


def _document(conference, pk: int):
    return get_object_or_404(
        selectors.with_files(conference.documents.select_related("submitted_by", "conference")), pk=pk
    )


def _render_review(request, conference, membership, document, *, status: int = 200, **forms):
    context = {
        "conference": conference,
        "membership": membership,
        "document": document,
        "decisions": [
            (value, label)
            for value, label in DecisionForm.base_fields["decision"].choices
            if value in services.allowed_decisions(document)
        ],
        "decision_form": DecisionForm(),
        "replace_form": CheckedFileForm(prefix="replace"),
        "translation_form": TranslationForm(prefix="translation"),
        "can_change": role_allows(membership.role, Action.CHANGE),
        **forms,
    }
    return render(request, "proceedings/manage/document_review.html", context, status=status)


@team_required(Action.VIEW)
@require_safe
def document_review(request, conference, membership, pk: int):
    return _render_review(request, conference, membership, _document(conference, pk))


@team_required(Action.CHANGE)
@require_POST
def document_decide(request, conference, membership, pk: int):
    document = _document(conference, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            services.decide(document, decision, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, DONE[decision])
            return redirect("proceedings:manage-document-review", slug=conference.slug, pk=document.pk)
    return _render_review(request, conference, membership, document, decision_form=form, status=400)


@team_required(Action.CHANGE)
@require_POST
def document_replace(request, conference, membership, pk: int):
    document = _document(conference, pk)
    form = CheckedFileForm(request.POST, request.FILES, prefix="replace")
    if form.is_valid():
        services.replace_original(document, form.cleaned_data["file"], form.file_kind, by_submitter=False)
        messages.success(request, _("The original is replaced."))
        return redirect("proceedings:manage-document-review", slug=conference.slug, pk=document.pk)
    return _render_review(request, conference, membership, document, replace_form=form, status=400)


@team_required(Action.CHANGE)
@require_POST
def translation_add(request, conference, membership, pk: int):
    document = _document(conference, pk)
    form = TranslationForm(request.POST, request.FILES, prefix="translation")
    if form.is_valid():
        try:
            services.add_translation(
                document,
                language=form.cleaned_data["language"],
                upload=form.cleaned_data["file"],
                kind=form.file_kind,
                by_submitter=False,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The translation is saved."))
            return redirect("proceedings:manage-document-review", slug=conference.slug, pk=document.pk)
    return _render_review(request, conference, membership, document, translation_form=form, status=400)


@team_required(Action.CHANGE)
@require_POST
def translation_remove(request, conference, membership, pk: int):
    document = _document(conference, pk)
    form = RemoveFileForm(request.POST)
    document_file = None
    if form.is_valid():
        document_file = next(
            (item for item in document.files.all() if item.pk == form.cleaned_data["file"]), None
        )
    if document_file is None:
        raise Http404
    try:
        services.remove_translation(document, document_file, by_submitter=False)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The translation is removed."))
    return redirect("proceedings:manage-document-review", slug=conference.slug, pk=document.pk)


@team_required(Action.CHANGE)
def document_edit(request, conference, membership, pk: int):
    document = _document(conference, pk)
    form = DocumentDetailsForm(request.POST or None, initial=DocumentDetailsForm.initial_of(document))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_details(document, by_submitter=False, **form.details())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The details are saved."))
            return redirect("proceedings:manage-document-review", slug=conference.slug, pk=document.pk)
    context = {"conference": conference, "membership": membership, "document": document, "form": form}
    return render(
        request, "proceedings/manage/document_form.html", context, status=400 if form.errors else 200
    )


@team_required(Action.CHANGE)
def document_create(request, conference, membership):
    """An organizer submits a document for someone, who follows it as its submitter."""
    posted = request.method == "POST"
    form = OnBehalfForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            document = services.submit(
                conference,
                upload=form.cleaned_data["file"],
                kind=form.file_kind,
                submitter_email=form.cleaned_data["submitter_email"],
                **form.details(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("“%(title)s” is submitted.") % {"title": document.title})
            return redirect("proceedings:manage-document-review", slug=conference.slug, pk=document.pk)
    context = {"conference": conference, "membership": membership, "form": form, "document": None}
    return render(
        request, "proceedings/manage/document_form.html", context, status=400 if form.errors else 200
    )


@team_required(Action.CHANGE)
def document_delete(request, conference, membership, pk: int):
    """A page that names what goes (GET); the deletion (POST), refused for a published document."""
    document = _document(conference, pk)
    if request.method != "POST":
        context = {"conference": conference, "membership": membership, "document": document,
                   "refusal": services.published_refusal(document)}  # fmt: skip
        return render(request, "proceedings/manage/document_delete.html", context)
    try:
        services.delete_document(document)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("proceedings:manage-document-review", slug=conference.slug, pk=document.pk)
    messages.success(request, _("“%(title)s” is deleted with its files.") % {"title": document.title})
    return redirect("proceedings:manage-document-list", slug=conference.slug)
