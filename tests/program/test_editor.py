"""The organizers' program editor: clashes shown and confirmed, times in the conference's zone."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from program.models import Room, Session, SessionPerson
from program.services import create_session
from tests.program.test_program import add_sessions, at

pytestmark = pytest.mark.django_db


def form_data(conference, session=None, people=None, materials=(), channels=(), **changes) -> dict:
    """What the browser posts: the session's fields and its three formsets, existing rows included."""
    day = conference.starts_on.isoformat()
    data = {"title": "Workshop", "kind": "workshop", "starts_at": f"{day}T09:00", "ends_at": f"{day}T10:00",
            "status": "scheduled"}  # fmt: skip
    data.update(changes)
    existing_people = list(session.people.all()) if session else []
    if people is None:
        people = [{"id": person.pk, "name": person.name, "role": person.role} for person in existing_people]
    existing_materials = session.materials.count() if session else 0
    existing_channels = session.channels.count() if session else 0
    for prefix, rows, initial in (("people", people, len(existing_people)),
                                  ("materials", materials, existing_materials),
                                  ("channels", channels, existing_channels)):  # fmt: skip
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": initial,
                     f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})  # fmt: skip
        for index, row in enumerate(rows):
            data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def test_a_session_is_entered_in_the_conferences_time_zone(client, organizer):
    conference = organizer.conference

    response = client.post(reverse("program:manage-session-create", kwargs={"slug": conference.slug}),
                           form_data(conference))  # fmt: skip

    assert response.status_code == 302
    assert Session.objects.get().starts_at == at(conference, 0, 9)


def test_a_room_used_twice_is_shown_and_saved_only_when_confirmed(client, organizer):
    conference = organizer.conference
    room = Room.objects.create(conference=conference, name="Hall")
    create_session(conference, title="Opening", starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 11),
                   room=room)  # fmt: skip
    url = reverse("program:manage-session-create", kwargs={"slug": conference.slug})

    refused = client.post(url, form_data(conference, room=room.pk))
    confirmed = client.post(url, form_data(conference, room=room.pk, confirm_conflicts="on"))
    editor = client.get(reverse("program:manage-program-editor", kwargs={"slug": conference.slug}))

    assert refused.status_code == 400 and "Hall is also used by “Opening”" in refused.content.decode()
    assert confirmed.status_code == 302
    assert Session.objects.count() == 2
    assert "Clashes with" in editor.content.decode()


def test_a_speaker_in_two_places_is_a_clash(client, organizer):
    conference = organizer.conference
    first = create_session(
        conference, title="Report", starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 10)
    )
    second = create_session(
        conference, title="Panel", starts_at=at(conference, 0, 12), ends_at=at(conference, 0, 13)
    )
    for session in (first, second):
        SessionPerson.objects.create(session=session, name="Ana Lima")
    url = reverse("program:manage-session-edit", kwargs={"slug": conference.slug, "pk": second.pk})

    response = client.post(url, form_data(conference, second, title="Panel"))

    assert "Ana Lima is also in “Report” at that time." in response.content.decode()
    second.refresh_from_db()
    assert second.starts_at == at(conference, 0, 12)


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"ends_at": "2000-01-01T08:00"}, "ends_at"), ({"starts_at": "not a time"}, "starts_at"),
     ({"room": "999999"}, "room"), ({"recording_url": "javascript:alert(1)"}, "recording_url")],
)  # fmt: skip
def test_bad_input_is_a_form_error_and_nothing_is_saved(client, organizer, changes, field):
    conference = organizer.conference
    url = reverse("program:manage-session-create", kwargs={"slug": conference.slug})

    response = client.post(url, form_data(conference, **changes))

    assert response.status_code == 400
    assert field in response.context["form"].errors or response.context["form"].non_field_errors()
    assert not Session.objects.exists()


def test_rooms_and_tracks_are_added_once(client, organizer):
    conference = organizer.conference
    url = reverse("program:manage-room-add", kwargs={"slug": conference.slug})

    client.post(url, {"name": "Hall", "capacity": "200"})
    again = client.post(url, {"name": "Hall"}, follow=True)
    track = client.post(reverse("program:manage-track-add", kwargs={"slug": conference.slug}),
                        {"name": "Reports", "colour": "red"}, follow=True)  # fmt: skip

    assert conference.rooms.count() == 1
    assert "Hall exists already." in again.content.decode()
    assert "Give the colour as #" in track.content.decode()
    assert not conference.tracks.exists()


def test_a_later_edit_moves_the_session_and_raises_its_sequence(client, organizer):
    conference = organizer.conference
    session = create_session(
        conference, title="Opening", starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 10)
    )
    day_two = (conference.starts_on + timedelta(days=1)).isoformat()

    moved = form_data(
        conference, session, title="Opening", starts_at=f"{day_two}T09:00", ends_at=f"{day_two}T10:00"
    )
    client.post(
        reverse("program:manage-session-edit", kwargs={"slug": conference.slug, "pk": session.pk}), moved
    )

    session.refresh_from_db()
    assert (session.starts_at, session.sequence) == (at(conference, 1, 9), 1)


def test_moving_from_the_grid_shows_clashes_in_the_row_and_moves_when_confirmed(client, organizer):
    conference = organizer.conference
    hall = Room.objects.create(conference=conference, name="Hall")
    create_session(conference, title="Opening", starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 11),
                   room=hall)  # fmt: skip
    report = create_session(
        conference, title="Report", starts_at=at(conference, 0, 14), ends_at=at(conference, 0, 15)
    )
    url = reverse("program:manage-session-move", kwargs={"slug": conference.slug, "pk": report.pk})
    target = {"starts_at": f"{conference.starts_on.isoformat()}T10:00", "room": hall.pk}

    clash = client.post(url, target, HTTP_HX_REQUEST="true")
    report.refresh_from_db()
    unmoved = report.starts_at
    moved = client.post(url, {**target, "confirm": "1"}, HTTP_HX_REQUEST="true")
    report.refresh_from_db()
    bad = client.post(url, {"starts_at": "soon"}, HTTP_HX_REQUEST="true")
    without_htmx = client.post(url, {"starts_at": f"{conference.starts_on.isoformat()}T16:00"})

    assert (
        "Hall is also used by “Opening”" in clash.content.decode() and "Move anyway" in clash.content.decode()
    )
    assert unmoved == at(conference, 0, 14)
    assert moved.status_code == 200 and f'<li id="session-{report.pk}"' in moved.content.decode()
    assert (report.starts_at, report.ends_at, report.room, report.sequence) == (
        at(conference, 0, 10),
        at(conference, 0, 11),
        hall,
        1,
    )
    assert "Enter a valid date/time." in bad.content.decode()
    assert without_htmx.status_code == 302


def test_rooms_and_tracks_are_renamed_and_deleted_but_not_a_room_with_sessions(client, organizer):
    conference = organizer.conference
    hall, annex = (Room.objects.create(conference=conference, name=name) for name in ("Hall", "Annex"))
    create_session(conference, title="Opening", starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 10),
                   room=hall)  # fmt: skip
    track = conference.tracks.create(name="Reports")

    def edit(name, pk, data):
        return client.post(
            reverse(f"program:manage-{name}-edit", kwargs={"slug": conference.slug, "pk": pk}), data
        )

    renamed = edit("room", hall.pk, {"name": "Great hall", "capacity": "300"})
    taken = edit("room", annex.pk, {"name": "Great hall"})
    kept = edit("room", hall.pk, {"delete": "1"})
    deleted = edit("room", annex.pk, {"delete": "1"})
    bad_colour = edit("track", track.pk, {"name": "Reports", "colour": "red"})

    assert renamed.status_code == 302 and conference.rooms.get(pk=hall.pk).name == "Great hall"
    assert taken.status_code == 400 and "exists already" in taken.content.decode()
    assert kept.status_code == 302 and conference.rooms.filter(pk=hall.pk).exists()
    assert deleted.status_code == 302 and not conference.rooms.filter(pk=annex.pk).exists()
    assert bad_colour.status_code == 400
    assert Session.objects.get().sequence == 1  # the rename moved it in calendars


@pytest.mark.parametrize("count", [10, 100])
def test_the_editor_costs_the_same_queries_for_10_and_for_100_sessions(
    client, organizer, django_assert_num_queries, count
):
    conference = organizer.conference
    add_sessions(conference, count, speaker="Ana Lima")  # all at 9 in one room: every one clashes

    # session, user, membership with its conference, the sessions, their people, the rooms, the tracks
    with django_assert_num_queries(7):
        response = client.get(reverse("program:manage-program-editor", kwargs={"slug": conference.slug}))

    assert sum(len(sessions) for sessions in response.context["days"].values()) == count


def test_moving_a_session_across_the_october_change_keeps_its_real_length(client, sign_in_team):
    conference = sign_in_team(
        conference__timezone="Europe/Berlin", conference__starts_on=date(2026, 10, 24),
        conference__ends_on=date(2026, 10, 25),
    ).conference  # fmt: skip
    two_hours = create_session(
        conference, title="Night shift", starts_at=datetime(2026, 10, 24, 8, 0, tzinfo=UTC),
        ends_at=datetime(2026, 10, 24, 10, 0, tzinfo=UTC),
    )  # fmt: skip
    url = reverse("program:manage-session-move", kwargs={"slug": conference.slug, "pk": two_hours.pk})

    # 01:00 summer time: two hours later the clocks have gone back once, so the wall clock shows 02:00.
    client.post(url, {"starts_at": "2026-10-25T01:00"}, HTTP_HX_REQUEST="true")

    two_hours.refresh_from_db()
    assert two_hours.starts_at == datetime(2026, 10, 24, 23, 0, tzinfo=UTC)
    assert two_hours.ends_at - two_hours.starts_at == timedelta(hours=2)
