"""The personal join page: from a registration's personal link (/r/<token>/online/) or signed in
(/me/online/<slug>/). Meeting links leave the site only through the join buttons here."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from common.http_cache import personal_page
from events.models import Conference
from events.permissions import membership_of
from online.access import BACKSTAGE, DoorState, Entrant, entrant_by_account, entrant_by_registration
from online.selectors import join_page, link_origins
from online.services import JoinRefused, join
from program.models import Session
from registrations.services import RegistrationLinkEnded, RegistrationUnavailable, registration_for_token

REFUSALS = {
    DoorState.NOT_YET: gettext_lazy(
        "This session cannot be joined yet: its join button opens shortly before it starts."
    ),
    DoorState.ENDED: gettext_lazy("This session has ended."),
    DoorState.CANCELLED: gettext_lazy("This session is cancelled."),
    DoorState.NOT_IN: gettext_lazy("You cannot join this session."),
    DoorState.NO_LINK: gettext_lazy("This session has no online link yet."),
    DoorState.SERVICE_DOWN: gettext_lazy("The meeting server does not answer; try again in a minute."),
}


def _entrant_by_token(request, token: str) -> Entrant:
    try:
        registration = registration_for_token(token)
    except RegistrationLinkEnded:
        raise
    except RegistrationUnavailable as missing:
        raise Http404 from missing
    return entrant_by_registration(registration)


def _entrant_signed_in(request, slug: str) -> Entrant:
    conference = get_object_or_404(Conference, slug=slug)
    if not (conference.is_public or membership_of(request.user, conference)):
        raise Http404
    return entrant_by_account(conference, request.user)


def _page(request, entrant: Entrant, join_action: str):
    page = join_page(entrant, now=timezone.now())
    context = {
        "entrant": entrant,
        "conference": entrant.conference,
        "page": page,
        "join_action": join_action,
        "backstage": BACKSTAGE,
        "zone": entrant.conference.timezone,
    }
    response = personal_page(render(request, "online/participant/session_list.html", context))
    # The join buttons post here and are redirected to the meeting: a redirect that the browser follows
    # only to the origins form-action names (the site's policy names 'self' alone).
    response._csp_update = {"form-action": link_origins(page)}
    return response


def _join(request, entrant: Entrant, back: str):
    try:
        uid = uuid.UUID(request.POST.get("session", ""))
    except ValueError as unknown:
        raise Http404 from unknown
    session = get_object_or_404(Session.objects.select_related("room", "conference"), uid=uid,
                                conference=entrant.conference)  # fmt: skip
    try:
        link = join(entrant, session, channel=request.POST.get("channel", "")[:12], now=timezone.now())
    except JoinRefused as refused:
        messages.error(request, REFUSALS[refused.door.state])
        return redirect(back)
    return redirect(link)


@never_cache
def session_list(request, token: str):
    try:
        entrant = _entrant_by_token(request, token)
    except Http404:
        return render(request, "registrations/participant/link_unavailable.html", status=404)
    except RegistrationLinkEnded:
        return redirect("registrations:registration-detail", token=token)
    return _page(request, entrant, reverse("online:session-join", kwargs={"token": token}))


@require_POST
def session_join(request, token: str):
    try:
        entrant = _entrant_by_token(request, token)
    except RegistrationLinkEnded:
        return redirect("registrations:registration-detail", token=token)
    return _join(request, entrant, reverse("online:session-list", kwargs={"token": token}))


@never_cache
@login_required
def session_list_signed_in(request, slug: str):
    entrant = _entrant_signed_in(request, slug)
    return _page(request, entrant, reverse("online:session-join-signed-in", kwargs={"slug": slug}))


@login_required
@require_POST
def session_join_signed_in(request, slug: str):
    entrant = _entrant_signed_in(request, slug)
    return _join(request, entrant, reverse("online:session-list-signed-in", kwargs={"slug": slug}))
