"""Personal links end some days after the conference; the ended link's page offers a fresh one by mail."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutboxMessage
from registrations.models import RegistrationLink
from registrations.services import new_link
from tests.factories import ConferenceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def answer(response) -> tuple[int, str]:
    """The status and what the page says (the layout around it carries a CSRF token that varies)."""
    return response.status_code, response.content.decode().split('class="panel')[1].split("</div>")[0]


def old_link(*, days_ago: int, settings_days: int, settings) -> tuple[object, str]:
    """A registration for a conference that ended `days_ago` days ago, and a link made before it."""
    settings.PERSONAL_LINK_DAYS_AFTER_CONFERENCE = settings_days
    ends_on = date.today() - timedelta(days=days_ago)
    conference = ConferenceFactory(title="Conference", starts_on=ends_on - timedelta(days=1), ends_on=ends_on)
    registration = RegistrationFactory(
        conference=conference, full_name="Ana Delegate", email="ana@example.org"
    )
    token = new_link(registration)
    RegistrationLink.objects.update(created_at=timezone.now() - timedelta(days=days_ago + 30))
    return registration, token


def test_a_link_ends_after_the_configured_days_and_shows_nothing_of_the_registration(client, settings):
    _registration, token = old_link(days_ago=100, settings_days=90, settings=settings)

    response = client.get(reverse("registrations:registration-detail", kwargs={"token": token}))

    text = response.content.decode()
    assert response.status_code == 410
    assert ("Ana Delegate" in text, "ana@example.org" in text, "Mail me a fresh link" in text) == (
        False,
        False,
        True,
    )


def test_a_link_still_works_within_the_configured_days(client, settings):
    _registration, token = old_link(days_ago=100, settings_days=120, settings=settings)

    response = client.get(reverse("registrations:registration-detail", kwargs={"token": token}))

    assert (response.status_code, "Ana Delegate" in response.content.decode()) == (200, True)


def test_the_ended_links_page_mails_a_fresh_working_link_once_and_answers_the_same_every_time(
    client, settings, django_capture_on_commit_callbacks
):
    registration, token = old_link(days_ago=100, settings_days=90, settings=settings)
    url = reverse("registrations:registration-detail", kwargs={"token": token})

    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(url) for _ in range(3)]

    [mail] = OutboxMessage.objects.filter(recipient="ana@example.org")
    assert [answer(response) for response in answers] == [(410, answer(answers[0])[1])] * 3
    assert "a fresh link is on its way" in answer(answers[0])[1]
    assert "Ana Delegate" not in answers[0].content.decode()
    assert (mail.about, mail.status, "/r/[redacted]/" in mail.body_text) == (registration, "sent", True)
    assert mail.subject == "Your registration for Conference: your personal link"


def test_the_fresh_link_works(client, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _registration, token = old_link(days_ago=100, settings_days=90, settings=settings)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("registrations:registration-detail", kwargs={"token": token}))

    [message] = mail.outbox
    path = re.search(r"http://127\.0\.0\.1:8000(/r/[\w-]+/)", message.body).group(1)
    page = client.get(path)
    assert (page.status_code, "Ana Delegate" in page.content.decode()) == (200, True)


def test_asking_for_fresh_links_is_rate_limited_without_saying_so(client, settings):
    registration, token = old_link(days_ago=100, settings_days=90, settings=settings)
    url = reverse("registrations:registration-detail", kwargs={"token": token})

    answers = set()
    for _attempt in range(8):
        cache.delete(f"registration-link-sent:{registration.pk}")  # past the ten minutes between two mails
        answers.add(answer(client.post(url)))

    assert len(answers) == 1
    assert OutboxMessage.objects.filter(recipient="ana@example.org").count() == 5  # LINK_RENEWAL_RATE_LIMITS
