# ruff: noqa: RUF001 - the Turkish dotless i is meant
"""The reminder before the start: planned by organizers, sent by the beat sweep once due, to each confirmed
participant in their language with their own join page, once."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.enums import ConferenceFormat, TeamRole
from online.models import StartReminder
from online.services import add_start_reminder, remove_start_reminder, send_due_start_reminders
from outbox.models import OutboxMessage
from registrations.enums import RegistrationStatus
from registrations.services import registration_for_token
from tests.factories import ConferenceFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference():
    conference = ConferenceFactory(format=ConferenceFormat.ONLINE, title="Uluslararası Konferans")
    SessionFactory(conference=conference)
    return conference


def first_start(conference):
    return conference.sessions.order_by("starts_at").first().starts_at


def test_a_reminder_goes_once_when_due_to_confirmed_participants_only_in_their_language(conference):
    ana = RegistrationFactory(conference=conference, email="ana@example.org", language="tr")
    RegistrationFactory(
        conference=conference, email="waiting@example.org", status=RegistrationStatus.WAITLISTED
    )
    RegistrationFactory(conference=conference, email="gone@example.org", status=RegistrationStatus.CANCELLED)
    reminder = add_start_reminder(conference, minutes_before=24 * 60)
    due = first_start(conference) - timedelta(hours=24)

    assert send_due_start_reminders(now=due - timedelta(seconds=1)) == []
    assert send_due_start_reminders(now=due) == [reminder]
    assert send_due_start_reminders(now=due + timedelta(minutes=1)) == []

    [mail] = OutboxMessage.objects.all()
    assert mail.recipient == "ana@example.org" and mail.language == "tr"
    assert "Uluslararası Konferans" in mail.subject
    join_page = re.search(r"http://127\.0\.0\.1:8000/r/([\w-]+)/online/", mail.body_text)
    assert registration_for_token(join_page.group(1)) == ana
    assert mail.body_text.startswith("Sayın") and "begins on" not in mail.body_text  # Turkish, not English
    reminder.refresh_from_db()
    assert reminder.recipients == 1 and reminder.sent_at == due


def test_a_reminder_due_after_the_conference_is_never_sent(conference):
    add_start_reminder(conference, minutes_before=10)
    RegistrationFactory(conference=conference)

    assert send_due_start_reminders(now=first_start(conference) + timedelta(days=30)) == []
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("minutes", [0, 4, 30 * 24 * 60 + 1])
def test_a_reminder_outside_5_minutes_to_30_days_is_refused(conference, minutes):
    with pytest.raises(ValidationError):
        add_start_reminder(conference, minutes_before=minutes)


def test_the_same_reminder_twice_is_refused_and_a_sent_one_cannot_be_removed(conference):
    reminder = add_start_reminder(conference, minutes_before=30)
    with pytest.raises(ValidationError):
        add_start_reminder(conference, minutes_before=30)
    send_due_start_reminders(now=first_start(conference) - timedelta(minutes=29))
    with pytest.raises(ValidationError):
        remove_start_reminder(reminder)


def test_organizers_plan_and_remove_reminders_and_bad_input_is_a_form_error(client, sign_in_team):
    organizer = sign_in_team(TeamRole.ORGANIZER, conference__format=ConferenceFormat.HYBRID)
    slug = organizer.conference.slug
    create = reverse("online:manage-reminder-create", kwargs={"slug": slug})

    assert client.post(create, {"amount": "24", "unit": "hours"}).status_code == 302
    assert client.post(create, {"amount": "30", "unit": "minutes"}).status_code == 302
    for bad in [{"amount": "", "unit": "hours"}, {"amount": "2", "unit": "weeks"},
                {"amount": "-1", "unit": "days"}, {"amount": "2", "unit": "minutes"},
                {"amount": "24", "unit": "hours"}]:  # fmt: skip
        response = client.post(create, bad)
        assert response.status_code == 400, bad
        assert response.context["form"].errors
    assert sorted(StartReminder.objects.values_list("minutes_before", flat=True)) == [30, 1440]
    page = client.get(reverse("online:manage-attendance-list", kwargs={"slug": slug})).content.decode()
    assert page.count("planned") == 2

    reminder = StartReminder.objects.get(minutes_before=30)
    client.post(reverse("online:manage-reminder-delete", kwargs={"slug": slug, "pk": reminder.pk}))
    assert list(StartReminder.objects.values_list("minutes_before", flat=True)) == [1440]


def test_a_viewer_sees_the_reminders_but_cannot_plan_one(client, sign_in_team):
    viewer = sign_in_team(TeamRole.VIEWER)
    slug = viewer.conference.slug

    assert client.get(reverse("online:manage-attendance-list", kwargs={"slug": slug})).status_code == 200
    assert client.post(reverse("online:manage-reminder-create", kwargs={"slug": slug}),
                       {"amount": "1", "unit": "hours"}).status_code == 403  # fmt: skip
    assert not StartReminder.objects.exists()
