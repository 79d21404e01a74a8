"""The organizers' declaration work: drafts, the amendment window, outcomes, versions, the final vote."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from common.forms import add_service_error, error_summary
from common.forms.choices import language_choices
from events.permissions import Action, role_allows, team_required
from proceedings import diff, permissions, selectors
from proceedings.enums import AmendmentOutcome, DeclarationStatus
from proceedings.forms.declarations import (
    DeclarationForm,
    FinalVoteForm,
    OutcomeForm,
    TextForm,
    TranslationForm,
    WindowForm,
)
from proceedings.models import Amendment
from proceedings.services import amendments
from proceedings.services import declarations as service

MAX_POSITION = 9999


def _back(declaration):
    return redirect(
        "proceedings:manage-declaration-detail", slug=declaration.conference.slug, pk=declaration.pk
    )


def _act(request, declaration, step, done: str):
    """Take one of the organizers' steps on the declaration, then go back to it saying how it went."""
    try:
        step()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return _back(declaration)


@team_required(Action.VIEW)
@require_safe
def declaration_list(request, conference, membership):
    context = {
        "conference": conference,
        "membership": membership,
        "declarations": conference.declarations.all(),
        "can_change": role_allows(membership.role, Action.CHANGE),
    }
    return render(request, "proceedings/manage/declaration_list.html", context)


@team_required(Action.CHANGE)
def declaration_create(request, conference, membership):
    form = DeclarationForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        try:
            declaration = service.create_declaration(conference, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The draft is version 1."))
            return _back(declaration)
    context = {"conference": conference, "membership": membership, "form": form}
    return render(
        request, "proceedings/manage/declaration_form.html", context, status=400 if form.errors else 200
    )


@team_required(Action.VIEW)
@require_safe
def declaration_detail(request, conference, membership, pk: int):
    declaration = get_object_or_404(conference.declarations.select_related("based_on"), pk=pk)
    version = service.current_version(declaration)
    amendments = selectors.declaration_amendments(declaration)
    paragraphs, orphans = selectors.annotated_text(declaration, version, amendments=amendments)
    current_keys = {paragraph.key for paragraph in paragraphs}
    for amendment in amendments:
        amendment.flagged = amendment.paragraph_key not in current_keys and not amendment.applied_in_id
        amendment.carried_over = getattr(amendment, "carried_to", None)  # the follow-up's copy, if any
    final = declaration.status in (DeclarationStatus.ADOPTED, DeclarationStatus.NOT_ADOPTED)
    with timezone.override(conference.zone):
        window_form = WindowForm(
            initial={
                "amendments_open_at": declaration.amendments_open_at,
                "amendments_close_at": declaration.amendments_close_at,
            }
        )
        context = {
            "conference": conference,
            "membership": membership,
            "declaration": declaration,
            "version": version,
            "paragraphs": paragraphs,
            "orphans": orphans,
            "amendments": amendments,
            "versions": declaration.versions.all(),
            "translations": declaration.translations.all(),
            "window_form": window_form,
            "vote_form": FinalVoteForm(),
            "final": final,
            "window_open": permissions.window_is_open(declaration),
            "pending": sum(amendment.outcome == AmendmentOutcome.PENDING for amendment in amendments),
            "deferred": [
                amendment
                for amendment in amendments
                if amendment.outcome == AmendmentOutcome.DEFERRED and amendment.carried_over is None
            ],
            "follow_ups": conference.followed_by.all(),
            "can_change": role_allows(membership.role, Action.CHANGE),
        }
        return render(request, "proceedings/manage/declaration_detail.html", context)


@team_required(Action.CHANGE)
def declaration_text(request, conference, membership, pk: int):
    declaration = get_object_or_404(conference.declarations, pk=pk)
    version = service.current_version(declaration)
    form = TextForm(request.POST or None, initial={"text": service.joined(version.paragraphs)})
    if request.method == "POST" and form.is_valid():
        try:
            saved = service.edit_text(declaration, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if saved is None:
                messages.info(request, _("Nothing changed."))
            else:
                messages.success(
                    request, _("The text is saved as version %(number)s.") % {"number": saved.number}
                )
            return _back(declaration)
    context = {
        "conference": conference,
        "membership": membership,
        "declaration": declaration,
        "form": form,
        "version": version,
    }
    return render(
        request, "proceedings/manage/declaration_text.html", context, status=400 if form.errors else 200
    )


@team_required(Action.CHANGE)
@require_POST
def declaration_window(request, conference, membership, pk: int):
    declaration = get_object_or_404(conference.declarations, pk=pk)
    with timezone.override(conference.zone):
        form = WindowForm(request.POST)
        if not form.is_valid():
            messages.error(request, error_summary(form))
            return _back(declaration)
    opens_at, closes_at = form.cleaned_data["amendments_open_at"], form.cleaned_data["amendments_close_at"]
    return _act(
        request,
        declaration,
        lambda: amendments.set_window(declaration, opens_at=opens_at, closes_at=closes_at),
        _("The amendment window is set."),
    )


@team_required(Action.CHANGE)
@require_POST
def amendments_order(request, conference, membership, pk: int):
    declaration = get_object_or_404(conference.declarations, pk=pk)
    rows = []
    for amendment_pk in request.POST.getlist("amendment"):
        position = request.POST.get(f"position-{amendment_pk}", "").strip()
        if not (amendment_pk.isdigit() and position.isdigit() and int(position) <= MAX_POSITION):
            messages.error(
                request,
                _("Give each amendment's order as a whole number up to %(most)s.") % {"most": MAX_POSITION},
            )
            return _back(declaration)
        group = request.POST.get(f"group-{amendment_pk}", "").replace("\x00", "")
        rows.append((int(amendment_pk), group, int(position)))
    amendments.order_amendments(declaration, rows)
    messages.success(request, _("The amendments are grouped and ordered."))
    return _back(declaration)


@team_required(Action.CHANGE)
def amendment_outcome(request, conference, membership, pk: int):
    amendment = get_object_or_404(
        Amendment.objects.select_related("declaration", "applied_in"),
        pk=pk,
        declaration__conference=conference,
    )
    declaration = amendment.declaration
    version = service.current_version(declaration)
    initial = {name: getattr(amendment, name) for name in OutcomeForm.base_fields if hasattr(amendment, name)}
    if not amendment.adopted_text:
        initial["adopted_text"] = amendment.text
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            amendments.record_outcome(amendment, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The outcome of %(label)s is recorded.") % {"label": amendments.amendment_label(amendment)},
            )
            return _back(declaration)
    numbers = diff.numbered(version.paragraphs)
    current = next(
        (item["text"] for item in version.paragraphs if item["key"] == amendment.paragraph_key), None
    )
    context = {
        "conference": conference,
        "membership": membership,
        "declaration": declaration,
        "amendment": amendment,
        "form": form,
        "current_text": current,
        "current_number": numbers.get(amendment.paragraph_key),
        "version": version,
    }
    return render(
        request, "proceedings/manage/amendment_outcome.html", context, status=400 if form.errors else 200
    )


@team_required(Action.CHANGE)
@require_POST
def declaration_vote(request, conference, membership, pk: int):
    declaration = get_object_or_404(conference.declarations, pk=pk)
    form = FinalVoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_summary(form))
        return _back(declaration)
    return _act(
        request,
        declaration,
        lambda: amendments.record_final_vote(declaration, **form.cleaned_data),
        _("The final vote is recorded."),
    )


@team_required(Action.CHANGE)
@require_POST
def declaration_publish(request, conference, membership, pk: int):
    declaration = get_object_or_404(conference.declarations, pk=pk)
    published = request.POST.get("published") == "1"
    return _act(
        request,
        declaration,
        lambda: service.set_published(declaration, published),
        _("The declaration is published.") if published else _("It is no longer public."),
    )


@team_required(Action.CHANGE)
@require_POST
def declaration_carry(request, conference, membership, pk: int):
    declaration = get_object_or_404(conference.declarations, pk=pk)
    chosen = request.POST.get("follow_up", "")
    follow_up = conference.followed_by.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    if follow_up is None:
        messages.error(request, _("Choose a conference that follows this one."))
        return _back(declaration)
    carried = amendments.carry_deferred(declaration, follow_up, user=request.user)
    messages.success(
        request,
        _("%(count)s deferred amendments are now open items of “%(conference)s”.")
        % {"count": len(carried), "conference": follow_up.title},
    )
    return _back(declaration)


@team_required(Action.CHANGE)
def declaration_translation(request, conference, membership, pk: int):
    declaration = get_object_or_404(conference.declarations, pk=pk)
    language = request.POST.get("language") or request.GET.get("language", "")
    if language not in dict(language_choices()):
        language = ""
    existing = declaration.translations.filter(language=language).first() if language else None
    initial = {"language": language}
    if existing:
        initial.update(
            title=existing.title, is_published=existing.is_published, text=service.joined(existing.paragraphs)
        )
    form = TranslationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service.save_translation(
                declaration, published=form.cleaned_data.pop("is_published"), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The translation is saved."))
            return _back(declaration)
    version = service.current_version(declaration)
    context = {
        "conference": conference,
        "membership": membership,
        "declaration": declaration,
        "form": form,
        "version": version,
    }
    return render(
        request,
        "proceedings/manage/declaration_translation.html",
        context,
        status=400 if form.errors else 200,
    )
