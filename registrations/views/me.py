"""/me/: a signed-in person's registrations, invitations, agenda and documents, found by their verified
addresses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import Invitation
from proceedings.models import Document
from program.agenda import agenda_token
from program.models import Session
from registrations.models import Registration
from registrations.services import resend_link


def _mine(user):
    return Registration.objects.filter(Q(user=user) | Q(email__in=user.verified_addresses()))


@login_required
def me(request):
    addresses = request.user.verified_addresses()
    context = {
        "registrations": _mine(request.user).select_related("conference").order_by("-conference__starts_on"),
        "invitations": Invitation.objects.filter(email__in=addresses)
        .select_related("conference")
        .order_by("-conference__starts_on"),
        "starred": Session.objects.filter(stars__user=request.user)
        .select_related("conference", "room")
        .order_by("starts_at"),
        "documents": Document.objects.annotate(address=Lower("submitter_email"))
        .filter(Q(submitted_by=request.user) | Q(address__in=addresses))
        .select_related("conference")
        .order_by("-created_at"),
        "agenda_url": request.build_absolute_uri(
            reverse("program:agenda-ics", kwargs={"token": agenda_token(request.user)})
        ),
    }
    return render(request, "registrations/me.html", context)


@login_required
@require_POST
def mail_my_link(request, pk: int):
    registration = get_object_or_404(_mine(request.user), pk=pk)
    if resend_link(registration):
        messages.success(
            request, _("The personal link is on its way to %(email)s.") % {"email": registration.email}
        )
    else:
        messages.info(request, _("We sent the link a few minutes ago: look in your mailbox."))
    return redirect("registrations:me")
