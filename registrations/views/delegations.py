"""A delegation's own page, for its contact: /d/<token>/. Add delegates (a pasted list), change or
withdraw one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from common.http_cache import personal_page
from events.enums import InvitationAnswer
from events.services.invitations import InvitationUnavailable, invitation_for_token
from registrations.forms import DelegateChangeForm, DelegateListForm
from registrations.services import delegations


def _delegation(token: str):
    try:
        return delegations.delegation_for_token(token)
    except delegations.DelegationUnavailable as missing:
        raise Http404 from missing


@never_cache
def delegation_detail(request, token: str):
    delegation = _delegation(token)
    conference = delegation.conference
    form = DelegateListForm(request.POST if request.method == "POST" else None, conference=conference)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = delegations.add_delegate_list(delegation, form.cleaned_data["delegates"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if report.added:
                count = len(report.added)
                added = ngettext("%(count)s delegate is added.", "%(count)s delegates are added.", count)
                messages.success(request, added % {"count": count})
            if not report.problems:
                return redirect("registrations:delegation-detail", token=token)
            # Keep the lines that were refused in the box, to be corrected and sent again.
            refused = {problem.line for problem in report.problems}
            kept = [line for number, line in enumerate(form.cleaned_data["delegates"].splitlines(), start=1)
                    if number in refused]  # fmt: skip
            form = DelegateListForm(initial={"delegates": "\n".join(kept)}, conference=conference)
    context = {
        "delegation": delegation,
        "conference": delegation.conference,
        "delegates": delegation.delegates.select_related("organization").order_by("created_at", "pk"),
        "quota": delegations.quota_for(delegation),
        "counts": delegations.delegation_counts(delegation),
        "window": delegations.delegation_window(delegation.conference),
        "form": form,
        "report": report,
        "change_form": DelegateChangeForm(),
        # The roles the contact may give (the public form's), and the one a delegate was given else.
        "roles": conference.public_role_choices(),
        "role_values": [value for value, _label in conference.public_role_choices()],
        "token": token,
    }
    status = 400 if form.errors or (report and report.problems) else 200
    return personal_page(
        render(request, "registrations/participant/delegation_detail.html", context, status=status)
    )


@require_POST
def delegate_change(request, token: str, pk: int):
    delegation = _delegation(token)
    registration = get_object_or_404(delegation.delegates, pk=pk)
    form = DelegateChangeForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[name].label}: {' '.join(found)}" for name, found in form.errors.items()
        )
        messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": errors})
        return redirect("registrations:delegation-detail", token=token)
    try:
        delegations.change_delegate(delegation, registration, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": " ".join(error.messages)})
    else:
        messages.success(request, _("%(name)s is changed.") % {"name": form.cleaned_data["full_name"]})
    return redirect("registrations:delegation-detail", token=token)


@require_POST
def delegate_withdraw(request, token: str, pk: int):
    delegation = _delegation(token)
    registration = get_object_or_404(delegation.delegates, pk=pk)
    try:
        delegations.withdraw_delegate(delegation, registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(name)s is withdrawn; they are told by mail.") % {"name": registration.full_name}
        )
    return redirect("registrations:delegation-detail", token=token)


@require_POST
def delegation_create(request, token: str):
    """From an accepted invitation that names an organization: its invitee becomes the delegation's
    contact."""
    try:
        invitation = invitation_for_token(token)
    except InvitationUnavailable as missing:
        raise Http404 from missing
    if invitation.organization is None or invitation.answer != InvitationAnswer.ACCEPTED:
        raise Http404
    try:
        _delegation_row, delegation_token = delegations.create_delegation(
            invitation.conference, organization=invitation.organization,
            contact_name=invitation.name or invitation.email, contact_email=invitation.email,
            language=invitation.language, invitation=invitation,
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("events:invitation-detail", token=token)
    return redirect("registrations:delegation-detail", token=delegation_token)
