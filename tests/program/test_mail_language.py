"""Each person's mail in their own language: a speaker registered in Arabic is told of a moved session in
Arabic, not in the conference's first working language."""

import pytest

from outbox.models import OutboxMessage
from program.services import create_session, update_session
from registrations.services import register
from tests.events.views.test_manage_conferences import edit_data
from tests.factories import ConferenceFactory, SessionPersonFactory, UserFactory
from tests.program.test_program import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    conference = ConferenceFactory(working_languages=["en", "tr"])
    return create_session(
        conference, title="Peace", starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 10)
    )


def moved(session):
    update_session(session, starts_at=at(session.conference, 0, 11), ends_at=at(session.conference, 0, 12))


def test_a_speaker_registered_in_arabic_is_told_in_arabic(session):
    registration = register(session.conference, full_name="Layla", email="layla@example.org", country="LB",
                            language="ar").registration  # fmt: skip
    SessionPersonFactory(session=session, email="layla@example.org", registration=registration)

    moved(session)

    mail = OutboxMessage.objects.get(recipient="layla@example.org", idempotency_key__startswith="session:")
    assert mail.language == "ar"
    assert mail.subject.startswith("تعديل")  # "Change:" in Arabic


def test_a_speaker_with_an_account_but_no_registration_is_told_in_the_accounts_language(session):
    UserFactory(email="omid@example.org", language="fa")
    SessionPersonFactory(session=session, email="Omid@Example.org")

    moved(session)

    assert OutboxMessage.objects.get(recipient__iexact="omid@example.org").language == "fa"


def test_a_speaker_unknown_to_the_site_is_told_in_the_first_working_language(session):
    SessionPersonFactory(session=session, email="someone@example.org")

    moved(session)

    assert OutboxMessage.objects.get(recipient="someone@example.org").language == "en"


def test_resaving_the_details_keeps_the_first_working_language(client, sign_in_team):
    organizer = sign_in_team(conference__working_languages=["tr", "en"])
    conference = organizer.conference

    # A browser posts a multiple select in the options' order: en before tr.
    client.post(
        f"/manage/c/{conference.slug}/edit/", edit_data(conference, working_languages=["en", "tr", "ar"])
    )

    conference.refresh_from_db()
    assert conference.working_languages == ["tr", "en", "ar"]
