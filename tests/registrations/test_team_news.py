"""The team is told: a mail for each change to the members who chose it, queued with the change, and a
daily digest at seven in the conference's time zone, sent once, and not at all when nothing happened."""

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from config.celery import app
from events.enums import TeamNews, TeamRole
from events.models import ConferenceMembership
from events.services.invitations import answer_invitation, invite
from outbox import tasks as outbox_tasks
from outbox.models import OutboxMessage
from registrations import services
from registrations.importing import import_registrations
from registrations.services import delegations, digests
from registrations.services.privacy import forget
from registrations.tasks import task_send_due_digests
from tests.factories import ConferenceFactory, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def team_mails(membership) -> list[OutboxMessage]:
    return list(
        OutboxMessage.objects.filter(about_type__model="conferencemembership", about_id=membership.pk)
        .exclude(idempotency_key__startswith="team-invitation:")
        .order_by("pk")
    )


def member(conference, news: str, **user) -> ConferenceMembership:
    return MembershipFactory(conference=conference, news=news, user=UserFactory(**user))


def person(number: int, **extra) -> dict:
    return {"full_name": f"Person {number}", "email": f"p{number}@example.org", "country": "BR", **extra}


@pytest.fixture
def conference():
    return ConferenceFactory(title="Peace 2027", capacity=1, timezone="Europe/Istanbul")


def test_a_member_who_chose_a_mail_for_each_is_told_of_a_registration_in_their_language(conference):
    immediate = member(conference, TeamNews.IMMEDIATE, language="fr")
    daily, silent = member(conference, TeamNews.DAILY), member(conference, TeamNews.NONE)
    party = OrganizationFactory(name="Frente Amplio")

    services.register(
        conference, full_name="Ana Lima", email="ana@example.org", country="BR", organization=party,
        accessibility_needs="A wheelchair place", note="Secret note",
    )  # fmt: skip

    [mail] = team_mails(immediate)
    assert (mail.recipient, mail.language, mail.conference) == (immediate.user.email, "fr", conference)
    assert mail.subject == "Peace 2027\u00a0: nouvelles concernant Ana Lima"
    assert "- Nouvelle inscription: Ana Lima (Frente Amplio, Brésil): Confirmée" in mail.body_text
    assert "wheelchair" not in mail.body_text and "Secret" not in mail.body_text
    assert "/manage/c/" in mail.body_text  # the registrations list and the team page, to change the choice
    assert team_mails(daily) == team_mails(silent) == []


def test_a_cancellation_and_the_seat_it_frees_are_told_in_one_mail(conference):
    immediate = member(conference, TeamNews.IMMEDIATE)
    first = services.register(conference, **person(1))
    services.register(conference, **person(2))

    services.cancel(first.registration)

    mail = team_mails(immediate)[-1]
    assert len(team_mails(immediate)) == 3
    assert (
        "- Cancelled: Person 1 (Brazil)\n- From the waiting list to a seat: Person 2 (Brazil)\n"
        in mail.body_text
    )


def test_an_answer_to_an_invitation_is_told_with_its_message(conference):
    immediate = member(conference, TeamNews.IMMEDIATE)
    invitation, _created = invite(conference, email="omar@example.org", name="Omar Haddad", country="LB")

    answer_invitation(invitation, answer="declined", message="We cannot travel this year.\n\nNext time!")

    [mail] = team_mails(immediate)
    assert "- Answer to the invitation: Omar Haddad (Lebanon): Declined" in mail.body_text
    assert "  “We cannot travel this year.\n  Next time!”" in mail.body_text
    assert "/invitations/" in mail.body_text


def test_an_import_and_a_delegation_tell_the_team_in_one_mail_each():
    conference = ConferenceFactory()
    immediate = member(conference, TeamNews.IMMEDIATE)
    delegation, _token = delegations.create_delegation(
        conference, organization=OrganizationFactory(name="Partia"), contact_name="Clara",
        contact_email="clara@example.org",
    )  # fmt: skip

    import_registrations(conference, b"name,email,country\nA One,a@example.org,GR\nB Two,b@example.org,GR\n")
    delegations.add_delegate_list(delegation, "C Three, c@example.org, PL\nD Four, d@example.org, PL")

    imported, delegated = team_mails(immediate)
    assert imported.body_text.count("- New registration:") == 2
    assert delegated.body_text.count("- New registration:") == 2
    assert "D Four (Partia, Poland): Confirmed" in delegated.body_text


def test_forgetting_tells_the_team_without_a_name(conference):
    immediate = member(conference, TeamNews.IMMEDIATE)
    registered = services.register(conference, **person(1))

    forget(registered.registration)

    mail = team_mails(immediate)[-1]
    assert "- Deleted: a registration whose person had their personal data deleted" in mail.body_text
    assert "Person 1" not in mail.body_text  # nor in the first mail, any more
    assert all("Person 1" not in message.body_text for message in team_mails(immediate))


def next_seven(conference) -> datetime:
    """The next 7:00 in the conference's time zone."""
    local = timezone.localtime(timezone.now(), conference.zone)
    seven = local.replace(hour=7, minute=0, second=0, microsecond=0)
    return seven if seven > local else seven + timedelta(days=1)


def test_the_digest_comes_at_seven_with_what_happened_since_and_only_once(conference):
    seven = next_seven(conference)
    daily = member(conference, TeamNews.DAILY, language="en")
    ConferenceMembership.objects.filter(pk=daily.pk).update(news_told_until=seven - timedelta(days=1))
    new_on_the_team = member(conference, TeamNews.DAILY)
    others = [member(conference, TeamNews.IMMEDIATE), member(conference, TeamNews.NONE)]
    quiet = MembershipFactory(
        conference=ConferenceFactory(timezone="Europe/Istanbul")
    )  # nothing happens there
    ConferenceMembership.objects.filter(pk=quiet.pk).update(news_told_until=seven - timedelta(days=1))
    invitation, _created = invite(conference, email="omar@example.org", name="Omar Haddad")
    first = services.register(conference, **person(1), accessibility_needs="Lift", note="Private")
    services.register(conference, **person(2))
    services.cancel(first.registration)
    forget(services.register(conference, **person(3)).registration)  # counted, not named
    answer_invitation(invitation, answer="maybe", message="If the visa comes.")

    before_seven = digests.send_due_digests(now=seven - timedelta(minutes=1))
    new_on_the_team.refresh_from_db()
    assert new_on_the_team.news_told_until == seven - timedelta(days=1)  # a first sweep only starts the count
    at_seven = digests.send_due_digests(now=seven + timedelta(minutes=1))
    again = digests.send_due_digests(now=seven + timedelta(minutes=2))

    assert (before_seven, at_seven, again) == ([], [daily.pk, new_on_the_team.pk], [])
    [digest] = team_mails(daily)
    assert [mail.body_text for mail in team_mails(new_on_the_team)] == [digest.body_text]
    assert digest.subject.startswith("Peace 2027: registrations and answers, ")
    text = digest.body_text
    without_times = re.sub(r"(?m)^- \d\d/\d\d/\d{4} .*?(a\.m\.|p\.m\.|noon|midnight) ", "- ", text)
    assert (
        "\n\nNew registrations: 2\n- Person 1 (Brazil): Confirmed\n- Person 2 (Brazil): On the waiting list\n"
        "\nCancellations: 1\n- Person 1 (Brazil)\n"
        "\nFrom the waiting list to a seat: 1\n- Person 2 (Brazil)\n"
        "\nPersonal data deleted on request: 1\n"
        "\nInvitation answers: 1\n- Omar Haddad: Maybe\n  “If the visa comes.”\n\n"
    ) in without_times
    assert "each morning at 7 a.m. (Europe/Istanbul time)" in text
    assert "Lift" not in text and "Private" not in text
    for membership in (daily, new_on_the_team, quiet):
        membership.refresh_from_db()
        assert membership.news_told_until == seven  # told up to seven, the quiet one without a mail
    assert [team_mails(membership) for membership in (quiet, others[1])] == [[], []]
    assert len(team_mails(others[0])) == 6  # the one who chose a mail for each had them at once


def test_the_next_digest_starts_where_the_last_one_ended(conference):
    seven = next_seven(conference)
    daily = member(conference, TeamNews.DAILY)
    services.register(conference, **person(1))
    ConferenceMembership.objects.filter(pk=daily.pk).update(news_told_until=timezone.now())
    services.register(conference, **person(2))

    digests.send_due_digests(now=seven + timedelta(days=1, minutes=1))

    [digest] = team_mails(daily)
    assert "Person 2" in digest.body_text and "Person 1" not in digest.body_text


def test_choosing_the_digest_again_starts_it_from_then(client, conference):
    viewer = MembershipFactory(conference=conference, role=TeamRole.VIEWER, news=TeamNews.IMMEDIATE)
    client.force_login(viewer.user)
    url = reverse("events:manage-team-news", kwargs={"pk": viewer.pk})

    page = client.get(reverse("events:manage-team-list", kwargs={"slug": conference.slug}))
    response = client.post(url, {"news": TeamNews.DAILY})

    viewer.refresh_from_db()
    assert page.context["news_form"].initial == {"news": TeamNews.IMMEDIATE}
    assert url in page.content.decode()
    assert response["Location"] == reverse("events:manage-team-list", kwargs={"slug": conference.slug})
    assert viewer.news == TeamNews.DAILY
    assert timezone.now() - viewer.news_told_until < timedelta(minutes=1)
    assert viewer.history.count() == 1  # a preference, not a change of the team's history


def test_a_member_changes_only_their_own_choice(client, conference):
    mine, theirs = member(conference, TeamNews.DAILY), member(conference, TeamNews.DAILY)
    client.force_login(mine.user)

    refused = client.post(reverse("events:manage-team-news", kwargs={"pk": theirs.pk}), {"news": "none"})
    wrong = client.post(reverse("events:manage-team-news", kwargs={"pk": mine.pk}), {"news": "hourly"})

    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert refused.status_code == 404 and theirs.news == TeamNews.DAILY
    assert wrong.status_code == 302 and mine.news == TeamNews.DAILY


def test_beat_runs_the_digest_sweep_every_minute(conference):
    daily = member(conference, TeamNews.DAILY)
    this_morning = digests.digest_due_at(conference, now=timezone.now())
    ConferenceMembership.objects.filter(pk=daily.pk).update(news_told_until=this_morning - timedelta(days=1))
    registered = services.register(conference, **person(1))
    registered.registration.history.update(history_date=this_morning - timedelta(hours=1))  # yesterday's

    schedule = settings.CELERY_BEAT_SCHEDULE["team-digests"]

    assert schedule == {"task": "registrations.send_due_digests", "schedule": 60.0}
    assert schedule["task"] in app.tasks
    assert task_send_due_digests.delay().get() == 1
    assert len(team_mails(daily)) == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_one_digest(postgres, monkeypatch):
    monkeypatch.setattr(
        outbox_tasks, "enqueue_delivery", lambda ids: None
    )  # rows only, as in test_concurrency
    conference = ConferenceFactory(timezone="Europe/Istanbul")
    seven = next_seven(conference)
    daily = member(conference, TeamNews.DAILY)
    ConferenceMembership.objects.filter(pk=daily.pk).update(news_told_until=seven - timedelta(days=1))
    services.register(conference, **person(1))

    def sweep(_number):
        try:
            return digests.send_due_digests(now=seven + timedelta(minutes=1))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(sweep, range(4)))

    assert sorted(results) == [[], [], [], [daily.pk]]
    assert len(team_mails(daily)) == 1
