"""The public program: the timetable by day, each session, and the calendar feeds."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from accounts.languages import asked_language
from common import uploads
from common.http_cache import cache_for, conditional
from common.site_urls import absolute_url_builder
from events import selectors as event_selectors
from events.calendar import calendar_response, session_item
from program import exchange, selectors, timetable
from program.models import SessionMaterial


def session_url_builder(conference):
    """session -> its page's absolute URL, reversed once (a feed has thousands of sessions)."""
    url_of = absolute_url_builder("program:session-detail", vary="pk", slug=conference.slug)
    return lambda session: url_of(session.pk)


def _conditional(request, conference, build):
    """The program's exports: a 304 after one aggregate query when the client has this version. They
    are in the language asked for (`?lang=`, the cookie, Accept-Language), else in the conference's
    first working language; each language is its own version (ETag), and caches keep them apart."""
    language = asked_language(request) or conference.mail_language
    etag, last_modified = selectors.feed_version(conference)
    etag = f'{etag[:-1]}-{language}"'
    with translation.override(language):
        response = conditional(
            request,
            etag=etag,
            last_modified=last_modified,
            build=build,
            seconds=300,
            public=conference.is_public,
        )
    response["Content-Language"] = language
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@require_safe
def program(request, slug: str, day: str | None = None):
    """A day of the program as a time grid (filtered: a list); without a day, today's while the
    conference is on, else its first."""
    conference, membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    shown = timetable.day_shown(conference, day, today=timezone.localdate(timezone=conference.zone))
    filters = timetable.Filters.from_query(request.GET)
    context = {
        "conference": conference,
        "membership": membership,
        "day": shown,
        "day_part": timetable.day_fragment(conference, shown, filters),
    }
    return render(request, "program/public/session_list.html", context)


@require_safe
def session_detail(request, slug: str, pk: int):
    conference, _membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    session = get_object_or_404(
        conference.sessions.select_related("room", "track", "conference").prefetch_related(
            "people", "materials"
        ),
        pk=pk,
    )
    starred = request.user.is_authenticated and session.stars.filter(user=request.user).exists()
    context = {"conference": conference, "session": session, "starred": starred}
    return render(request, "program/public/session_detail.html", context)


@require_safe
def material_file(request, slug: str, pk: int):
    """A session's file, public as the program is: served as what its content was found to be."""
    conference, _membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    material = get_object_or_404(SessionMaterial, pk=pk, session__conference=conference)
    if not material.file:
        raise Http404
    kind = uploads.KIND_BY_KEY[material.file_kind]
    return uploads.file_response(
        request, material.file, kind, material.title, public=conference.is_public, size=material.file_size
    )


@require_safe
def program_ics(request, slug: str):
    """The subscription feed. Calendars poll it: a matching If-None-Match or If-Modified-Since gets
    a 304 after one aggregate query."""
    conference, _membership = event_selectors.get_visible_conference(slug=slug, user=request.user)

    def build(version: int):
        sessions = selectors.program_sessions(conference, with_people=False)
        url_of = session_url_builder(conference)
        items = [session_item(session, url=url_of(session)) for session in sessions]
        return calendar_response(items, filename=f"{conference.slug}.ics", name=conference.title, feed=True)

    return _conditional(request, conference, build)


@require_safe
def session_ics(request, slug: str, pk: int):
    conference, _membership = event_selectors.get_visible_conference(slug=slug, user=request.user)
    session = get_object_or_404(conference.sessions.select_related("room", "track", "conference"), pk=pk)
    url = session_url_builder(conference)(session)
    response = calendar_response([session_item(session, url=url)], filename=f"session-{pk}.ics")
    cache_for(response, seconds=300, public=conference.is_public)
    return response


@require_safe
def schedule_export(request, slug: str, extension: str):
    """The frab/c3voc schedule.json or schedule.xml that companion apps load; conditional like the feed."""
    conference, _membership = event_selectors.get_visible_conference(slug=slug, user=request.user)

    def build(version: int):
        data = exchange.schedule(
            conference,
            list(selectors.program_sessions(conference, with_materials=True)),
            list(conference.rooms.all()),
            list(conference.tracks.all()),
            version=f"{exchange.VERSION_PREFIX}-{version}",
        )
        if extension == "xml":
            return HttpResponse(exchange.to_xml(data), content_type="application/xml; charset=utf-8")
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})

    return _conditional(request, conference, build)
