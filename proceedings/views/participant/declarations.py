"""A confirmed delegate proposes an amendment to a declaration open for them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.forms import add_service_error
from events import selectors as event_selectors
from proceedings import permissions, selectors
from proceedings.forms.declarations import AmendmentForm
from proceedings.services import amendments
from proceedings.services import declarations as service


@login_required
def amendment_propose(request, slug: str, pk: int):
    conference, membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    declaration = selectors.declaration_for(request.user, conference, membership, pk)
    delegate = selectors.delegate_registration(request.user, conference)
    context = {"conference": conference, "declaration": declaration}
    if not permissions.may_propose(delegate, declaration):
        context["refusal"] = _(
            "Only the conference's confirmed delegates propose amendments, signed in as they registered."
        )
    elif not permissions.window_is_open(declaration):
        context["refusal"] = _("The amendment window is not open.")
    if "refusal" in context:
        return render(request, "proceedings/participant/amendment_propose.html", context, status=403)
    version = service.current_version(declaration)
    initial = {
        "organization": delegate.organization.name if delegate.organization else "",
        "paragraph_number": request.GET.get("paragraph", ""),
        "kind": "replace",
    }
    form = AmendmentForm(request.POST or None, initial=initial, paragraphs=version.paragraphs)
    if request.method == "POST" and form.is_valid():
        try:
            amendment = amendments.propose_amendment(
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
            return redirect("proceedings:declaration-detail", slug=conference.slug, pk=declaration.pk)
    context.update(form=form, version=version, paragraphs=version.paragraphs)
    return render(
        request, "proceedings/participant/amendment_propose.html", context, status=400 if form.errors else 200
    )
