"""Registering at /c/<slug>/register/ with no account, and the participation figures."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_ratelimit.core import is_ratelimited

from common.forms import add_service_error
from common.http_cache import cache_for
from events import selectors as event_selectors
from events.services.invitations import InvitationUnavailable, invitation_for_token
from registrations import selectors
from registrations.forms import RegistrationForm
from registrations.services import (
    register,
    registration_window,
)
from registrations.worldmap import world_map_svg

SUGGESTIONS = 10
SUGGEST_FROM = 3  # characters typed before anything is suggested


def _invitation(request, conference):
    """The invitation whose link brought the visitor here (?i=<token>), if it is for this conference."""
    token = request.GET.get("i") or request.POST.get("i") or ""
    try:
        invitation = invitation_for_token(token)
    except InvitationUnavailable:
        return None, ""
    return (invitation, token) if invitation.conference_id == conference.pk else (None, "")


def _rate_limited(request) -> bool:
    """Count this POST against the limits per client address and per email typed (settings)."""
    limits = settings.REGISTRATION_RATE_LIMITS
    by_address = is_ratelimited(request, group="registration-ip", key="ip", rate=limits["ip"], increment=True)
    by_email = is_ratelimited(
        request, group="registration-email", rate=limits["email"], increment=True,
        key=lambda _group, request: request.POST.get("email", "").strip().lower()[:254],
    )  # fmt: skip
    return by_address or by_email


def _initial(request, conference, invitation) -> dict:
    initial = {"language": translation.get_language(), "role": "delegate"}
    user = request.user
    if user.is_authenticated:
        initial.update(
            full_name=user.full_name, email=user.email, language=user.language or initial["language"]
        )
    if invitation is not None:
        initial.update(
            full_name=invitation.name or initial.get("full_name", ""),
            email=invitation.email,
            country=invitation.country.code or "",
            organization_name=invitation.organization.name if invitation.organization else "",
            language=invitation.language,
        )
    return initial


@never_cache
def register_view(request, slug: str):
    conference, _membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    window = registration_window(conference)
    invitation, invitation_token = _invitation(request, conference)
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        conference=conference,
        initial=_initial(request, conference, invitation),
    )
    limited = request.method == "POST" and _rate_limited(request)
    if limited:
        form.is_valid()
        form.add_error(
            None, _("Too many registrations were sent from here or for this address. Try again later.")
        )
    if request.method == "POST" and window.is_open and not limited and form.is_valid():
        arguments = form.service_arguments()
        owner = (
            request.user.is_authenticated and arguments["email"].lower() in request.user.verified_addresses()
        )
        user = request.user if owner else None
        try:
            registered = register(conference, invitation=invitation, user=user, **arguments)
        except ValidationError as error:
            add_service_error(form, error, renamed={"new_organization_name": "organization_name"})
        else:
            if registered.created:  # a new registration: its maker lands on it, through its own link
                messages.success(
                    request,
                    _(
                        "Thank you for registering. A mail to %(email)s confirms it and brings a link to "
                        "this page: keep it to change or cancel your registration."
                    )
                    % {"email": registered.registration.email},
                )
                return redirect("registrations:registration-detail", token=registered.token)
            # An address registered already: nothing of that registration is shown here; the mail to
            # the address says where it stands and brings its link.
            messages.success(
                request,
                _("Thank you. A mail to %(email)s says where the registration stands and brings its link.")
                % {"email": registered.registration.email},
            )
            return redirect(conference.get_absolute_url())
    context = {
        "conference": conference,
        "form": form,
        "window": window,
        "invitation": invitation,
        "invitation_token": invitation_token,
        "seats": selectors.seats(conference),
        # An empty form without an invitation's or an account's details is everyone's: its rendered
        # fields come from the fragment cache (they were half of the page's cost).
        "fields_are_everyones": (
            not form.is_bound and invitation is None and not request.user.is_authenticated
        ),
    }
    status = 429 if limited else 400 if form.errors else 200
    response = render(request, "registrations/public/registration_create.html", context, status=status)
    # The token in the address must not leak to linked sites; "no-referrer" would also make browsers
    # send "Origin: null" with the form, which CSRF protection rightly refuses.
    response["Referrer-Policy"] = "same-origin"
    return response


@require_safe
def organization_suggestions(request, slug: str):
    """For the form's suggestion list: only organizations already public on this conference, from the
    third character typed, and rate limited per client, so that the directory cannot be listed."""
    conference, _membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    limited = is_ratelimited(
        request, group="organization-suggestions", key="ip",
        rate=settings.ORGANIZATION_SUGGESTIONS_RATE_LIMIT, increment=True,
    )  # fmt: skip
    query = request.GET.get("organization_name", "")[:200]
    found = []
    if not limited and len(query.strip()) >= SUGGEST_FROM:
        found = selectors.public_organizations(conference, query, limit=SUGGESTIONS)
    context = {"organizations": found}
    return render(
        request, "registrations/partials/organization_options.html", context, status=429 if limited else 200
    )


@require_safe
def participation(request, slug: str):
    conference, _membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    context = {"conference": conference, "figures": selectors.participation(conference)}
    return render(request, "registrations/public/participation_detail.html", context)


@require_safe
def participation_map(request, slug: str):
    conference, _membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    figures = selectors.participation(conference)
    svg = world_map_svg(
        {code: count for code, _name, count in figures.by_country},
        names={code: name for code, name, _count in figures.by_country},
        title=figures.sentence,
        few=dict(figures.small_countries),
        threshold=figures.threshold,
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    cache_for(response, seconds=300, public=conference.is_public)
    return response
