"""What the join page and the organizers' attendance figures read."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.db.models import Count, Prefetch

from online.access import Door, Entrant, backstage_link, door, main_link
from online.models import Attendance, BigBlueButtonServer
from program.enums import SessionStatus
from program.models import Session, SessionMaterial

COMING_SHOWN = 20
ENDED_SHOWN = 50


@dataclass(frozen=True)
class SessionDoor:
    session: object
    door: Door
    speaking: bool
    has_backstage: bool


@dataclass(frozen=True)
class JoinPage:
    live: list[SessionDoor]
    coming: list[SessionDoor]
    ended: list[SessionDoor]
    coming_more: bool
    server: BigBlueButtonServer | None = None


def _sessions(conference):
    return (
        Session.objects.filter(conference=conference)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("room", "track", "conference")
        .prefetch_related(
            "channels", Prefetch("materials", queryset=SessionMaterial.objects.order_by("position"))
        )
    )


def meeting_server(conference) -> BigBlueButtonServer | None:
    """The BigBlueButton server the conference's sessions run on, if it uses one: then every session
    has a meeting (made when someone first joins) and needs no stored link of its own."""
    return BigBlueButtonServer.objects.filter(conference=conference, enabled=True).first()


def join_page(entrant: Entrant, *, now: datetime) -> JoinPage:
    """The sessions live now, the next ones, and the ended ones (with their recordings), each with its door
    for this person. A constant number of queries however large the program."""
    conference = entrant.conference
    sessions = _sessions(conference)
    server = meeting_server(conference)
    on_bigbluebutton = server is not None

    def doors(queryset) -> list[SessionDoor]:
        shown = []
        for session in queryset:
            session.conference = conference
            speaking = entrant.speaks_at(session)
            has_link = on_bigbluebutton or bool(main_link(session))
            shown.append(
                SessionDoor(
                    session=session,
                    door=door(entrant, session, now=now, has_link=has_link),
                    speaking=speaking,
                    has_backstage=(speaking or entrant.is_team) and bool(backstage_link(session)),
                )
            )
        return shown

    coming = list(sessions.filter(starts_at__gt=now).order_by("starts_at", "pk")[: COMING_SHOWN + 1])
    return JoinPage(
        live=doors(sessions.filter(starts_at__lte=now, ends_at__gt=now).order_by("starts_at", "pk")),
        coming=doors(coming[:COMING_SHOWN]),
        ended=doors(sessions.filter(ends_at__lte=now).order_by("-ends_at", "-pk")[:ENDED_SHOWN]),
        coming_more=len(coming) > COMING_SHOWN,
        server=server,
    )


def link_origins(page: JoinPage) -> list[str]:
    """The origins the page's join buttons may lead to: its form posts here, then is redirected there, and
    the Content-Security-Policy's form-action must name where such a redirect may go."""
    links = {page.server.api_url} if page.server is not None else set()  # its join addresses are its own
    for item in [*page.live, *page.coming]:
        if item.door.is_open:
            session = item.session
            links.update([main_link(session), backstage_link(session)])
            links.update(channel.link for channel in session.channels.all())
    origins = set()
    for link in links - {""}:
        parts = urlsplit(link)
        origins.add(f"{parts.scheme}://{parts.netloc}")
    return sorted(origins)


def attendance_by_session(conference) -> list[Session]:
    """Every session of the conference with `online_people`: how many people joined it online."""
    return list(
        Session.objects.filter(conference=conference)
        .select_related("room")
        .annotate(online_people=Count("attendances"))
        .order_by("starts_at", "pk")
    )


def online_attendees(conference) -> int:
    """How many different registrations joined at least one session online."""
    return (
        Attendance.objects.filter(session__conference=conference, registration__isnull=False)
        .values("registration")
        .distinct()
        .count()
    )
