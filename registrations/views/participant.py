"""A person's own pages: the personal link /r/<token>/ and, signed in, /me/."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from common.forms import add_service_error
from common.http_cache import personal_page
from events.models import Invitation, hash_token
from proceedings.models import Document
from program.agenda import agenda_token
from program.models import Session
from registrations.forms import OwnRegistrationForm
from registrations.models import ACTIVE, Registration
from registrations.services import (
    RegistrationLinkEnded,
    RegistrationUnavailable,
    cancel,
    registration_for_token,
    resend_link,
    resolve_organization,
    update_registration,
)
from registrations.services.privacy import forget


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
    return render(request, "registrations/participant/registration_list.html", context)


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
    return redirect("registrations:registration-list")


def _own_initial(registration) -> dict:
    return {
        "full_name": registration.full_name,
        "email": registration.email,
        "organization_name": registration.organization_name,
        "organization_kind": registration.proposed_organization_kind,
        "country": registration.country.code,
        "role": registration.role,
        "languages": registration.languages,
        "interpretation_needs": registration.interpretation_needs,
        "accessibility_needs": registration.accessibility_needs,
        "public_name": registration.public_name,
        "note": registration.note,
        "language": registration.language,
    }


def _renewal_rate_limited(request, token: str) -> bool:
    """Count this POST against the limits per client address and per link (settings)."""
    limits = settings.LINK_RENEWAL_RATE_LIMITS
    by_address = is_ratelimited(request, group="link-renewal-ip", key="ip", rate=limits["ip"], increment=True)
    by_link = is_ratelimited(
        request, group="link-renewal-link", rate=limits["link"], increment=True,
        key=lambda _group, _request: hash_token(token),
    )  # fmt: skip
    return by_address or by_link


def _link_ended(request, registration, token: str):
    """A personal link past its end: nothing of the registration, and a button that mails a fresh link
    to the registration's address. The answer is the same whether a mail goes out or not."""
    asked = request.method == "POST"
    if asked and not _renewal_rate_limited(request, token):
        resend_link(registration, reason="renewed")
    return personal_page(
        render(request, "registrations/participant/link_ended.html", {"asked": asked}, status=410)
    )


@never_cache
def own_registration(request, token: str):
    """The participant's own registration: see it, change it, cancel it. The link is the key."""
    try:
        registration = registration_for_token(token)
    except RegistrationLinkEnded as ended:
        return _link_ended(request, ended.registration, token)
    except RegistrationUnavailable:
        return render(request, "registrations/participant/link_unavailable.html", status=404)
    conference = registration.conference
    form = OwnRegistrationForm(
        request.POST if request.method == "POST" and "cancel" not in request.POST else None,
        conference=conference,
        initial=_own_initial(registration),
    )
    if request.method == "POST" and registration.status not in ACTIVE:
        messages.error(request, _("This registration is closed: register again to take part."))
        return redirect("registrations:registration-detail", token=token)
    if request.method == "POST" and "cancel" in request.POST:
        cancel(registration)
        messages.success(request, _("Your registration is cancelled. We have sent you a confirmation."))
        return redirect("registrations:registration-detail", token=token)
    if request.method == "POST" and form.is_valid():
        data = form.service_arguments()
        data.pop("email")
        try:
            data.update(resolve_organization(
                organization=None, new_name=data.pop("new_organization_name"),
                new_kind=data.pop("new_organization_kind"), country=data["country"],
            ))  # fmt: skip
            update_registration(registration, **data)
        except ValidationError as error:
            add_service_error(form, error, renamed={"new_organization_name": "organization_name"})
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("registrations:registration-detail", token=token)
    context = {"registration": registration, "conference": conference, "form": form, "token": token,
               "is_active": registration.status in ACTIVE}  # fmt: skip
    return personal_page(
        render(
            request,
            "registrations/participant/registration_detail.html",
            context,
            status=400 if form.errors else 200,
        )
    )


@never_cache
def forget_registration(request, token: str):
    """Deleting the registration's personal data: a GET asks, a POST does it. Afterwards the link, like
    every other of the registration, works no more."""
    try:
        registration = registration_for_token(token)
    except RegistrationLinkEnded as ended:
        return _link_ended(request, ended.registration, token)
    except RegistrationUnavailable:
        return render(request, "registrations/participant/link_unavailable.html", status=404)
    conference = registration.conference
    if request.method == "POST":
        forget(registration)
        registration = None
    context = {"registration": registration, "conference": conference, "token": token}
    return personal_page(render(request, "registrations/participant/registration_forget.html", context))
