"""Stars and the personal agenda feed: follow sessions, subscribe, revoke the address."""

import time
from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse

from events.enums import ConferenceStatus, TeamRole
from outbox.models import OutboxMessage
from program.agenda import agenda_token, user_for_agenda_token
from program.enums import SessionStatus
from program.models import Room, Star, Track
from program.services import create_session, delete_session, update_session
from tests.factories import ConferenceFactory, MembershipFactory, UserFactory
from tests.program.test_program import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    conference = ConferenceFactory()
    return create_session(
        conference, title="Report", starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 10)
    )


def star_url(session) -> str:
    return reverse("program:session-star", kwargs={"slug": session.conference.slug, "pk": session.pk})


def test_a_star_toggles_and_needs_signing_in(client, session):
    user = UserFactory()

    anonymous = client.post(star_url(session))
    client.force_login(user)
    client.post(star_url(session))
    starred = Star.objects.filter(user=user).count()
    client.post(star_url(session))

    assert anonymous.status_code == 302 and not Star.objects.filter(session=session, user=user).exists()
    assert starred == 1


def test_the_agenda_feed_has_the_starred_sessions_and_a_new_address_revokes_the_old(client, session):
    user = UserFactory()
    client.force_login(user)
    client.post(star_url(session))
    old = agenda_token(user)
    me = client.get(reverse("registrations:registration-list")).content.decode()

    feed = client.get(reverse("program:agenda-ics", kwargs={"token": old}))
    client.post(reverse("program:agenda-reset"))
    revoked = client.get(reverse("program:agenda-ics", kwargs={"token": old}))
    tampered = client.get(reverse("program:agenda-ics", kwargs={"token": old[:-2] + "xx"}))

    assert old in me
    summaries = [str(event["SUMMARY"]) for event in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")]
    assert summaries == ["Report"]
    assert (revoked.status_code, tampered.status_code) == (404, 404)
    assert user_for_agenda_token(agenda_token(user)) == user


def test_followers_hear_when_a_starred_session_moves_or_is_cancelled(session):
    follower = UserFactory(email="follower@example.org")
    Star.objects.create(user=follower, session=session)
    conference = session.conference

    update_session(session, starts_at=at(conference, 0, 11), ends_at=at(conference, 0, 12))
    update_session(session, status=SessionStatus.CANCELLED)

    methods = [
        str(icalendar.Calendar.from_ical(mail.calendar)["METHOD"])
        for mail in OutboxMessage.objects.filter(recipient="follower@example.org").order_by("pk")
    ]
    assert methods == ["REQUEST", "CANCEL"]


def test_deleting_a_scheduled_session_cancels_it_in_calendars_first(client, session):

    follower = UserFactory(email="follower@example.org")
    Star.objects.create(user=follower, session=session)
    membership = MembershipFactory(conference=session.conference, role=TeamRole.ORGANIZER)
    client.force_login(membership.user)
    url = reverse("program:manage-session-delete", kwargs={"slug": session.conference.slug, "pk": session.pk})

    client.post(url)
    again = client.post(url)
    page = client.get(
        reverse("program:session-detail", kwargs={"slug": session.conference.slug, "pk": session.pk})
    )

    mail = OutboxMessage.objects.get(recipient="follower@example.org")
    assert str(icalendar.Calendar.from_ical(mail.calendar)["METHOD"]) == "CANCEL"
    assert (again.status_code, page.status_code) == (404, 404)


def test_review_fixes_for_control_characters_drafts_shortened_days_deletions_and_odd_languages(
    client, session
):
    """Each of these gave a 500, leaked a draft, or left a calendar stale."""

    conference = session.conference
    follower = UserFactory()
    Star.objects.create(user=follower, session=session)
    update_session(session, title="Evil\x0bTitle")
    Session = type(session)
    Session.objects.filter(pk=session.pk).update(language="zz")
    slug = conference.slug

    xml = client.get(reverse("program:schedule-xml", kwargs={"slug": slug}))
    ics = client.get(reverse("program:program-ics", kwargs={"slug": slug}))
    page = client.get(reverse("program:session-list", kwargs={"slug": slug}))
    detail = client.get(reverse("program:session-detail", kwargs={"slug": slug, "pk": session.pk}))
    assert (xml.status_code, ics.status_code, page.status_code, detail.status_code) == (200, 200, 200, 200)
    assert b"\x0b" not in xml.content and b"\x0b" not in ics.content

    conference.status = ConferenceStatus.DRAFT
    conference.save()
    feed = client.get(reverse("program:agenda-ics", kwargs={"token": agenda_token(follower)}))
    assert b"BEGIN:VEVENT" not in feed.content

    conference.status = ConferenceStatus.PUBLISHED
    conference.ends_on = conference.starts_on
    conference.save()
    before = client.get(reverse("program:program-ics", kwargs={"slug": slug}))["Last-Modified"]
    later = {
        "starts_at": session.starts_at + timedelta(days=3),
        "ends_at": session.ends_at + timedelta(days=3),
    }
    Session.objects.filter(pk=session.pk).update(**later)  # outside the conference's days now
    time.sleep(1.1)  # Last-Modified has whole seconds
    delete_session(Session.objects.get(pk=session.pk))
    after = client.get(reverse("program:program-ics", kwargs={"slug": slug}), HTTP_IF_MODIFIED_SINCE=before)
    assert after.status_code == 200
    assert not Session.objects.exists()


@pytest.mark.parametrize("count", [3, 30])
def test_the_agenda_feed_costs_the_same_queries_for_3_and_for_30_starred_sessions(
    client, django_assert_num_queries, count
):
    user = UserFactory()
    draft = ConferenceFactory(status=ConferenceStatus.DRAFT)
    MembershipFactory(conference=draft, user=user, role=TeamRole.VIEWER)  # the team sees its sessions
    for number in range(count):
        conference = ConferenceFactory() if number % 2 else draft
        place = {
            "room": Room.objects.create(conference=conference, name=f"Hall {number}"),
            "track": Track.objects.create(conference=conference, name=f"Track {number}"),
        }
        made = create_session(
            conference, title=f"Report {number}", starts_at=at(conference, 0, 9),
            ends_at=at(conference, 0, 10), **(place if number % 3 else {}),
        )  # fmt: skip
        Star.objects.create(user=user, session=made)
    url = reverse("program:agenda-ics", kwargs={"token": agenda_token(user)})

    # the key with its user, the feed's version (one aggregate), the sessions with rooms, tracks, conferences
    with django_assert_num_queries(3):
        feed = client.get(url)

    assert len(icalendar.Calendar.from_ical(feed.content).walk("VEVENT")) == count


def test_the_agenda_feed_answers_a_poll_with_304_until_the_agenda_changes(client, session):
    user = UserFactory()
    Star.objects.create(user=user, session=session)
    url = reverse("program:agenda-ics", kwargs={"token": agenda_token(user)})

    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    update_session(session, title="Report revised")
    after_a_change = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    other = create_session(
        session.conference, title="Other", starts_at=at(session.conference, 0, 11),
        ends_at=at(session.conference, 0, 12),
    )  # fmt: skip
    Star.objects.create(user=user, session=other)
    after_a_star = client.get(url, HTTP_IF_NONE_MATCH=after_a_change["ETag"])

    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert again.status_code == 304
    assert (again["ETag"], again["Cache-Control"]) == (first["ETag"], first["Cache-Control"])
    assert "private" in first["Cache-Control"]
    assert after_a_change.status_code == 200 and b"Report revised" in after_a_change.content
    assert after_a_star.status_code == 200 and b"Other" in after_a_star.content
