"""Answering an invitation at /i/<token>/: no account needed. GET only shows; the answer is a POST."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from common.http_cache import personal_page
from events.enums import InvitationAnswer
from events.forms.invitations import AnswerForm
from events.services.invitations import InvitationUnavailable, answer_invitation, invitation_for_token


@never_cache
def invitation(request, token: str):
    try:
        found = invitation_for_token(token)
    except InvitationUnavailable:
        return render(request, "events/participant/invitation_unavailable.html", status=404)
    form = AnswerForm(request.POST if request.method == "POST" else None, initial={"answer": found.answer})
    if request.method == "POST" and form.is_valid():
        try:
            answer_invitation(found, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Thank you: your answer is recorded. You can change it here at any time.")
            )
            if found.answer == InvitationAnswer.ACCEPTED:
                form_url = reverse("registrations:registration-create", args=[found.conference.slug])
                return redirect(f"{form_url}?i={token}")
            return redirect("events:invitation-detail", token=token)
    response = render(
        request,
        "events/participant/invitation_detail.html",
        {"invitation": found, "form": form, "token": token},
    )
    return personal_page(response)
