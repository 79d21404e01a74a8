"""The public program a day at a time (program/timetable.py): which day, the grid, the filtered list and
the rendered day kept in the cache for the program's version."""

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from program.enums import SessionStatus
from program.models import Room, Session, SessionPerson, Track
from program.services import save_room_or_track, update_session
from program.timetable import lay_out_day
from tests.factories import ConferenceFactory, RoomFactory, SessionFactory, TrackFactory

pytestmark = pytest.mark.django_db


def at(conference, day: int, clock: str) -> datetime:
    moment = datetime.combine(conference.starts_on + timedelta(days=day), time.fromisoformat(clock))
    return moment.replace(tzinfo=conference.zone)


def add(conference, day: int, starts: str, ends: str, *, room=None, **fields) -> Session:
    return SessionFactory(
        conference=conference, room=room, starts_at=at(conference, day, starts),
        ends_at=at(conference, day, ends), **fields,
    )  # fmt: skip


@pytest.fixture
def conference():
    return ConferenceFactory(
        timezone="Europe/Istanbul", starts_on=date(2031, 3, 14), ends_on=date(2031, 3, 16)
    )


def day_url(conference, day: date | str | None = None) -> str:
    if day is None:
        return reverse("program:session-list", kwargs={"slug": conference.slug})
    return reverse("program:program-day", kwargs={"slug": conference.slug, "day": str(day)})


def page_of(client, url: str, **query):
    response = client.get(url, query)
    assert response.status_code == 200
    return html.fromstring(response.content.decode())


CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' %s ')"


def days_of(page) -> list:
    return page.xpath(f"//nav[{CLASS % 'program-days'}]//a")


def titles(page) -> list[str]:
    return [link.text_content().strip() for link in page.xpath(f"//section[{CLASS % 'program-day'}]//h3/a")]


# Which day


def test_the_program_opens_on_the_first_day_and_links_every_day(client, conference):
    add(conference, 0, "10:00", "11:00", title="Opening")
    add(conference, 1, "10:00", "11:00", title="Debate")

    first = page_of(client, day_url(conference))
    second = page_of(client, day_url(conference, "2031-03-15"))

    links = days_of(first)
    assert [link.get("href") for link in links] == [
        day_url(conference, "2031-03-14"),
        day_url(conference, "2031-03-15"),
        day_url(conference, "2031-03-16"),
    ]
    assert [link.get("aria-current") for link in links] == ["page", None, None]
    assert [link.get("aria-current") for link in days_of(second)] == [None, "page", None]
    assert (titles(first), titles(second)) == (["Opening"], ["Debate"])


def test_while_the_conference_is_on_the_program_opens_on_today(client):
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo("Pacific/Kiritimati"))
    conference = ConferenceFactory(
        timezone="Pacific/Kiritimati", starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=1)
    )
    add(conference, 0, "10:00", "11:00", title="Yesterday's")
    add(conference, 1, "10:00", "11:00", title="Today's")

    page = page_of(client, day_url(conference))

    assert titles(page) == ["Today's"]
    [current] = [link.get("href") for link in days_of(page) if link.get("aria-current")]
    assert current == day_url(conference, today)


@pytest.mark.parametrize(
    "day", ["2031-03-13", "2031-03-17", "2031-02-31", "20310314", "2031-W11-5", "monday"]
)
def test_a_day_outside_the_conference_or_not_a_date_is_not_found(client, conference, day):
    assert client.get(day_url(conference, day)).status_code == 404


def test_a_session_after_midnight_utc_is_on_its_day_in_the_conferences_zone(client, conference):
    add(conference, 1, "01:00", "02:00", title="Early")  # 22:00 UTC on the first day

    assert titles(page_of(client, day_url(conference, "2031-03-14"))) == []
    assert titles(page_of(client, day_url(conference, "2031-03-15"))) == ["Early"]


# The grid


def test_the_grid_places_parallel_sessions_on_one_row_and_a_longer_one_over_more_rows(conference):
    hall = RoomFactory(conference=conference, position=0)
    side = RoomFactory(conference=conference, position=1)
    opening = add(conference, 0, "09:30", "10:00", room=None)
    report = add(conference, 0, "10:00", "11:30", room=hall)
    workshop = add(conference, 0, "10:00", "10:45", room=side)
    late = add(conference, 0, "16:10", "16:17", room=side)  # 7 minutes off the 5-minute lines, as at scale

    grid = lay_out_day([opening, report, workshop, late], zone=conference.zone, other_rooms="No room")

    # Rows of five minutes from 09:00 (row 1); columns 1 and 2 are the hall and the side room.
    assert opening.grid_area == "7 / 1 / 13 / -1"
    assert report.grid_area == "13 / 1 / 31 / 2"
    assert workshop.grid_area == "13 / 2 / 22 / 3"
    assert late.grid_area == "87 / 2 / 88 / 3"
    assert [(column.name, column.grid_column) for column in grid.columns] == [
        (hall.name, "2 / 3"),
        (side.name, "3 / 4"),
    ]
    assert (grid.lanes, grid.slots) == (2, 90)  # 09:00 to 16:30
    assert [label.text for label in grid.labels[:3]] == ["9 a.m.", "9:30 a.m.", "10 a.m."]
    assert [label.grid_row for label in grid.labels[:2]] == ["2 / span 6", "8 / span 6"]


def test_the_grid_puts_overlapping_sessions_of_a_room_side_by_side_and_a_crowded_one_without_room_apart(
    conference,
):
    hall = RoomFactory(conference=conference, name="Hall")
    first = add(conference, 0, "10:00", "11:00", room=hall)
    clash = add(conference, 0, "10:30", "11:30", room=hall)
    after = add(conference, 0, "11:00", "12:00", room=hall)
    roomless = add(conference, 0, "10:45", "11:15", room=None)

    grid = lay_out_day([first, clash, roomless, after], zone=conference.zone, other_rooms="No room")

    assert [first.grid_area, clash.grid_area, after.grid_area] == [
        "1 / 1 / 13 / 2",
        "7 / 2 / 19 / 3",
        "13 / 1 / 25 / 2",
    ]
    assert roomless.grid_area == "10 / 3 / 16 / 4"
    assert [(column.name, column.grid_column) for column in grid.columns] == [
        ("Hall", "2 / 4"),
        ("No room", "4 / 5"),
    ]


def test_the_grid_counts_real_minutes_on_the_day_the_clocks_go_back():
    conference = ConferenceFactory(
        timezone="Europe/Berlin", starts_on=date(2031, 10, 26), ends_on=date(2031, 10, 26)
    )
    # 01:30 summer time to 03:30 winter time: three hours, though the wall clock moves two.
    night = add(conference, 0, "01:30", "02:00")
    night.ends_at = night.starts_at.astimezone(UTC) + timedelta(hours=3)

    grid = lay_out_day([night], zone=conference.zone, other_rooms="No room")

    assert night.grid_area == "7 / 1 / 43 / -1"
    assert [label.text for label in grid.labels] == [
        "1 a.m.",
        "1:30 a.m.",
        "2 a.m.",
        "2:30 a.m.",
        "2 a.m.",
        "2:30 a.m.",
        "3 a.m.",
    ]


def test_the_day_page_lists_its_sessions_in_reading_order_with_the_grids_places(client, conference):
    hall = RoomFactory(conference=conference, name="Hall", position=0)
    side = RoomFactory(conference=conference, name="Side room", position=1)
    track = TrackFactory(conference=conference, name="Economy", colour="#123456")
    add(conference, 0, "10:00", "11:00", room=side, title="Side talk")
    add(conference, 0, "10:00", "11:30", room=hall, title="Report", track=track)
    add(conference, 0, "09:00", "10:00", title="Welcome", status=SessionStatus.CANCELLED)

    page = page_of(client, day_url(conference))

    items = page.xpath(f"//ol[{CLASS % 'program-grid__sessions'}]/li")
    assert titles(page) == ["Welcome", "Report", "Side talk"]  # by time, then room
    assert [item.get("style") for item in items] == [
        "--area: 1 / 1 / 13 / -1;",
        "--area: 13 / 1 / 31 / 2; border-inline-start-color: #123456;",
        "--area: 13 / 2 / 25 / 3;",
    ]
    rooms = page.xpath(f"//*[{CLASS % 'program-grid__room'}]")
    assert [room.text_content() for room in rooms] == ["Hall", "Side room"]
    assert "program-item--cancelled" in items[0].get("class")
    assert (
        items[1].xpath(f".//*[{CLASS % 'program-item__time'}]")[0].text_content()
        == "10 a.m.\N{EN DASH}11:30 a.m. · Hall"
    )
    assert (
        page.xpath(f"//*[{CLASS % 'program-grid__time'}]/bdi")[0].get("data-at")
        == "2031-03-14T06:00:00+00:00"
    )


# The filtered view


def test_the_filtered_view_lists_the_matching_sessions_of_a_day_and_counts_them_per_day(client, conference):
    economy = TrackFactory(conference=conference, name="Economy")
    add(conference, 0, "10:00", "11:00", title="Wages", track=economy)
    add(conference, 0, "11:00", "12:00", title="Elsewhere")
    add(conference, 1, "10:00", "11:00", title="Prices", track=economy, kind="workshop")
    add(conference, 1, "12:00", "13:00", title="Rents", track=economy, kind="workshop")

    first = page_of(client, day_url(conference), track="Economy")
    second = page_of(client, day_url(conference, "2031-03-15"), track="Economy", kind="workshop")

    assert titles(first) == ["Wages"]
    assert not first.xpath(f"//*[{CLASS % 'program-grid'}]")  # a plain list
    assert [link.text_content() for link in days_of(first)] == [
        "Friday 14 March 2031 (1 session)",
        "Saturday 15 March 2031 (2 sessions)",
        "Sunday 16 March 2031 (0 sessions)",
    ]
    assert days_of(first)[1].get("href") == day_url(conference, "2031-03-15") + ("?track=Economy")
    assert titles(second) == ["Prices", "Rents"]
    assert second.xpath("//form[@role='search']")[0].get("action") == day_url(conference, "2031-03-15")
    assert second.xpath("//form[@role='search']//option[@selected]")[0].get("value") == "Economy"


# The cache


def test_the_day_is_rendered_once_per_version_and_a_change_shows_on_the_next_request(client, conference):
    room = RoomFactory(conference=conference, name="Hall")
    track = TrackFactory(conference=conference, name="Economy", colour="#123456")
    session = add(conference, 0, "10:00", "11:00", room=room, track=track, title="Wages")
    url = day_url(conference)
    page_of(client, url)

    update_session(session, title="Wages and prices")
    after_session = page_of(client, url)
    room.name = "Great hall"
    save_room_or_track(room)
    after_room = page_of(client, url)
    track.colour = "#654321"
    save_room_or_track(track)
    after_track = page_of(client, url)
    SessionPerson.objects.create(session=session, name="Rosa Ortiz")
    after_person = page_of(client, url)
    Session.objects.get(pk=session.pk).delete()
    after_delete = page_of(client, url)

    assert titles(after_session) == ["Wages and prices"]
    assert after_room.xpath(f"//*[{CLASS % 'program-grid__room'}]")[0].text_content() == "Great hall"
    assert "#654321" in after_track.xpath(f"//*[{CLASS % 'program-item'}]")[0].get("style")
    assert after_person.xpath(f"//*[{CLASS % 'program-item__meta'}]")[0].text_content().endswith("Rosa Ortiz")
    assert titles(after_delete) == []


def test_the_cached_day_is_kept_apart_per_language_and_filters(client, conference):
    session = add(conference, 0, "10:00", "11:00", title="Opening", kind="plenary")
    session.title_ar = "الافتتاح"
    session.save()
    conference.working_languages = ["en", "ar"]
    conference.save()
    url = day_url(conference)

    english = page_of(client, url + "?lang=en")
    arabic = page_of(client, url + "?lang=ar")
    workshops = page_of(client, url + "?lang=en&kind=workshop")
    english_again = page_of(client, url + "?lang=en")

    assert (titles(english), titles(arabic), titles(workshops), titles(english_again)) == (
        ["Opening"],
        ["الافتتاح"],
        [],
        ["Opening"],
    )


def make_program(conference, count: int) -> None:
    rooms = [Room.objects.create(conference=conference, name=f"Room {number}") for number in range(3)]
    track = Track.objects.create(conference=conference, name="Reports")
    sessions = Session.objects.bulk_create(
        Session(conference=conference, title=f"Session {number}", room=rooms[number % 3], track=track,
                starts_at=at(conference, number % 2, "08:00") + timedelta(minutes=10 * (number // 6 % 84)),
                ends_at=at(conference, number % 2, "08:50") + timedelta(minutes=10 * (number // 6 % 84)),
                language="en")
        for number in range(count)
    )  # fmt: skip
    SessionPerson.objects.bulk_create(SessionPerson(session=session, name="Ana Lima") for session in sessions)


# The conference; then, when the day is not in the cache, the program's version, the day's sessions, their
# people, the tracks and languages of the filter form; when it is, the version alone. Filtered, one query
# more counts the matching sessions of each day.
@pytest.mark.parametrize(
    ("query", "first", "cached"), [({}, 6, 2), ({"kind": "plenary", "track": "Reports"}, 7, 2)]
)
@pytest.mark.parametrize("count", [10, 1000])
def test_a_day_costs_the_same_queries_for_10_and_for_1000_sessions(
    client, django_assert_num_queries, conference, query, first, cached, count
):
    make_program(conference, count)
    url = day_url(conference)

    with django_assert_num_queries(first):
        response = client.get(url, query)
    with django_assert_num_queries(cached):
        again = client.get(url, query)

    assert response.status_code == again.status_code == 200
    first_page, cached_page = (html.fromstring(page.content.decode()) for page in (response, again))
    main = [html.tostring(page.get_element_by_id("main")) for page in (first_page, cached_page)]
    assert main[0] == main[1]
    assert len(titles(cached_page)) == (count + 1) // 2
