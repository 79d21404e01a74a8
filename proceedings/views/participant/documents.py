"""A participant's own documents: submitting one, the list of mine, editing, replacing a file and
adding or removing translations while the organizers have not decided."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from common.forms import add_service_error
from events import selectors as event_selectors
from proceedings import permissions, selectors
from proceedings.forms.documents import (
    CheckedFileForm,
    DocumentDetailsForm,
    DocumentSubmitForm,
    RemoveFileForm,
    TranslationForm,
)
from proceedings.models import DocumentFile
from proceedings.services import documents as services
from registrations.services import registration_window

PER_PAGE = 30


def _may_submit(request, conference, membership) -> tuple[bool, object]:
    registration = selectors.confirmed_registration(request.user, conference)
    return permissions.may_submit(registration, membership), registration


def _initial(request, registration) -> dict:
    """Prefilled from the registration: the name, the organization and the country."""
    initial = {"authors": request.user.full_name, "language": request.LANGUAGE_CODE}
    if registration is not None:
        initial.update(authors=registration.full_name, country=registration.country.code or "")
        if registration.organization is not None:
            initial["organization"] = registration.organization.name
    return initial


@never_cache
@login_required
def document_submit(request, slug: str):
    conference, membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    allowed, registration = _may_submit(request, conference, membership)
    if not allowed:
        context = {"conference": conference, "registration": registration_window(conference)}
        return render(request, "proceedings/participant/document_refused.html", context, status=403)
    posted = request.method == "POST"
    form = DocumentSubmitForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial=_initial(request, registration),
    )
    if posted and form.is_valid():
        try:
            document = services.submit(
                conference,
                upload=form.cleaned_data["file"],
                kind=form.file_kind,
                submitted_by=request.user,
                submitter_email=registration.email if registration else request.user.email,
                **form.details(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Thank you: “%(title)s” is submitted. The organizers will review it.")
                % {"title": document.title},
            )
            return redirect("proceedings:document-mine", slug=conference.slug)
    context = {"conference": conference, "form": form, "registration": registration}
    return render(
        request, "proceedings/participant/document_submit.html", context, status=400 if form.errors else 200
    )


def _render_mine(request, conference, membership, *, bound=None, status: int = 200):
    """The submitter's documents, each with its forms; `bound` is (document pk, form name, form) to
    show a refused form again with its errors."""
    documents = list(selectors.documents_of(request.user, conference))
    for document in documents:
        prefix = f"document-{document.pk}"
        document.may_edit = permissions.submitter_may_edit(document)
        document.may_translate = permissions.submitter_may_translate(document)
        document.replace_form = CheckedFileForm(prefix=f"{prefix}-replace")
        document.translation_form = TranslationForm(prefix=f"{prefix}-translation")
        if bound is not None and bound[0] == document.pk:
            setattr(document, bound[1], bound[2])
    allowed, _registration = _may_submit(request, conference, membership)
    context = {"conference": conference, "documents": documents, "may_submit": allowed}
    return render(request, "proceedings/participant/document_list.html", context, status=status)


@never_cache
@login_required
@require_safe
def my_documents(request, slug: str):
    conference, membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    return _render_mine(request, conference, membership)


def _own_document(request, slug: str, pk: int):
    """The conference, the team membership and the signed-in person's own document, or 404."""
    conference, membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    document = get_object_or_404(selectors.documents_of(request.user, conference), pk=pk)
    return conference, membership, document


@never_cache
@login_required
def document_edit(request, slug: str, pk: int):
    conference, _membership, document = _own_document(request, slug, pk)
    if not permissions.submitter_may_edit(document):
        messages.error(
            request, _("The organizers have decided on this document; write to them to change it.")
        )
        return redirect("proceedings:document-mine", slug=conference.slug)
    form = DocumentDetailsForm(request.POST or None, initial=DocumentDetailsForm.initial_of(document))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_details(document, by_submitter=True, **form.details())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The details are saved."))
            return redirect("proceedings:document-mine", slug=conference.slug)
    context = {"conference": conference, "document": document, "form": form}
    return render(
        request, "proceedings/participant/document_edit.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def document_replace(request, slug: str, pk: int):
    conference, membership, document = _own_document(request, slug, pk)
    form = CheckedFileForm(request.POST, request.FILES, prefix=f"document-{document.pk}-replace")
    if form.is_valid():
        try:
            services.replace_original(document, form.cleaned_data["file"], form.file_kind, by_submitter=True)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The new version is saved; the organizers will review it."))
            return redirect("proceedings:document-mine", slug=conference.slug)
    return _render_mine(
        request, conference, membership, bound=(document.pk, "replace_form", form), status=400
    )


@login_required
@require_POST
def translation_add(request, slug: str, pk: int):
    conference, membership, document = _own_document(request, slug, pk)
    form = TranslationForm(request.POST, request.FILES, prefix=f"document-{document.pk}-translation")
    if form.is_valid():
        try:
            services.add_translation(
                document,
                language=form.cleaned_data["language"],
                upload=form.cleaned_data["file"],
                kind=form.file_kind,
                by_submitter=True,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The translation is saved."))
            return redirect("proceedings:document-mine", slug=conference.slug)
    return _render_mine(
        request, conference, membership, bound=(document.pk, "translation_form", form), status=400
    )


@login_required
@require_POST
def translation_remove(request, slug: str, pk: int):
    conference, _membership, document = _own_document(request, slug, pk)
    form = RemoveFileForm(request.POST)
    document_file = None
    if form.is_valid():
        document_file = DocumentFile.objects.filter(document=document, pk=form.cleaned_data["file"]).first()
    if document_file is None:
        raise Http404
    try:
        services.remove_translation(document, document_file, by_submitter=True)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The translation is removed."))
    return redirect("proceedings:document-mine", slug=conference.slug)
