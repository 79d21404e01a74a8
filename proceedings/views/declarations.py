"""The declarations as the public, the participants and the delegates see them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.forms import add_service_error
from events import selectors as event_selectors
from proceedings import selectors
from proceedings.forms import AmendmentForm
from proceedings.services import declarations as service


def _reading(declaration, language: str):
    """The version and translation to show: the published translation in that language, if any."""
    version = service.current_version(declaration)
    translations = [item for item in declaration.translations.all() if item.is_published]
    translation = next((item for item in translations if item.language == language), None)
    return version, translation, translations


@require_safe
def declaration_list(request, slug: str):
    """Every published declaration in full, with its amendments and votes: the page to print."""
    conference, membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    language = request.GET.get("lang", "")[:10]
    shown = []
    for declaration in conference.declarations.filter(is_published=True).prefetch_related("translations"):
        version, translation, translations = _reading(declaration, language)
        paragraphs, orphans = selectors.annotated_text(declaration, version, translation)
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
    return render(request, "proceedings/declaration_list.html", context)


@require_safe
def declaration_detail(request, slug: str, pk: int):
    """One declaration as it stands: for delegates while amendments are open, with their proposals."""
    conference, membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    declaration = selectors.declaration_for(request.user, conference, membership, pk)
    version, translation, translations = _reading(declaration, request.GET.get("lang", "")[:10])
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
        "window_open": service.window_is_open(declaration),
        "may_propose": service.may_propose(delegate, declaration),
    }
    return render(request, "proceedings/declaration_detail.html", context)


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
        "rows": service.compare(before, after),
    }
    return render(request, "proceedings/declaration_compare.html", context)


@login_required
def amendment_propose(request, slug: str, pk: int):
    conference, membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    declaration = selectors.declaration_for(request.user, conference, membership, pk)
    delegate = selectors.delegate_registration(request.user, conference)
    context = {"conference": conference, "declaration": declaration}
    if not service.may_propose(delegate, declaration):
        context["refusal"] = _(
            "Only the conference's confirmed delegates propose amendments, signed in as they registered."
        )
    elif not service.window_is_open(declaration):
        context["refusal"] = _("The amendment window is not open.")
    if "refusal" in context:
        return render(request, "proceedings/amendment_form.html", context, status=403)
    version = service.current_version(declaration)
    initial = {
        "organization": delegate.organization.name if delegate.organization else "",
        "paragraph_number": request.GET.get("paragraph", ""),
        "kind": "replace",
    }
    form = AmendmentForm(request.POST or None, initial=initial, paragraphs=version.paragraphs)
    if request.method == "POST" and form.is_valid():
        try:
            amendment = service.propose_amendment(
                declaration, registration=delegate, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Your amendment to paragraph %(number)s is recorded.")
                % {"number": amendment.paragraph_number},
            )
            return redirect("proceedings:declaration", slug=conference.slug, pk=declaration.pk)
    context.update(form=form, version=version, paragraphs=version.paragraphs)
    return render(request, "proceedings/amendment_form.html", context, status=400 if form.errors else 200)
