"""A person's own program: the sessions they star and their private agenda feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from common.http_cache import conditional
from common.site_urls import absolute_url
from events import selectors as event_selectors
from events.calendar import calendar_response, session_item
from events.enums import ConferenceFormat
from events.models import Conference
from program import agenda, selectors
from program.models import Session
from program.views.public import session_url_builder


@login_required
@require_POST
def star(request, slug: str, pk: int):
    conference, _membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    session = get_object_or_404(conference.sessions, pk=pk)
    starred = agenda.toggle_star(request.user, session)
    messages.success(
        request,
        _("The session is in your agenda.") if starred else _("The session is no longer in your agenda."),
    )
    # Back to the star itself, which the browser focuses: not to the top of the page.
    return redirect(reverse("program:session-detail", args=[conference.slug, session.pk]) + "#star-button")


@require_safe
def agenda_ics(request, token: str):
    """A person's agenda: the sessions they starred, in every conference, as a feed."""
    user = agenda.user_for_agenda_token(token)
    if user is None:
        raise Http404
    visible = Q(conference__in=Conference.objects.public()) | Q(conference__memberships__user=user)

    def build(version: int):
        sessions = (
            Session.objects.filter(stars__user=user)
            .filter(visible)
            .distinct()
            .select_related("room", "track", "conference")
            .order_by("starts_at")
        )
        url_builders, join_pages = {}, {}  # one per conference: the agenda mixes conferences
        items = []
        for session in sessions:
            conference = session.conference
            if conference.pk not in url_builders:
                url_builders[conference.pk] = session_url_builder(conference)
                join_pages[conference.pk] = (
                    absolute_url(reverse("online:session-list-signed-in", kwargs={"slug": conference.slug}))
                    if conference.format != ConferenceFormat.IN_PERSON
                    else ""
                )
            join_url = (
                f"{join_pages[conference.pk]}#session-{session.uid}" if join_pages[conference.pk] else ""
            )
            items.append(session_item(session, url=url_builders[conference.pk](session), join_url=join_url))
        return calendar_response(items, filename="agenda.ics", name=_("My agenda"), feed=True)

    etag, last_modified = selectors.agenda_version(user)
    response = conditional(
        request, etag=etag, last_modified=last_modified, build=build, seconds=300, public=False
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def agenda_reset(request):
    agenda.reset_agenda_token(request.user)
    messages.success(request, _("Your agenda has a new address; the old one no longer works."))
    return redirect("registrations:registration-list")
