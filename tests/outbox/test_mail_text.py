"""Mail subjects and text bodies are plain text: no HTML entities for apostrophes, ampersands or quotes."""

from email import message_from_bytes, policy

import pytest

from events.notifications import send_team_invitation
from events.services.invitations import invite
from events.services.meetings import invite_to_meeting
from outbox.delivery import build_email
from outbox.models import OutboxMessage
from proceedings.services import documents
from proceedings.services.documents import Decision
from program.models import SessionPerson
from program.services import create_session, update_session
from registrations.notifications import send_status_mail
from tests.factories import ConferenceFactory, MeetingFactory, MembershipFactory, RegistrationFactory
from tests.mail import write_queued
from tests.proceedings.documents import document
from tests.program.test_program import at

pytestmark = pytest.mark.django_db

TITLE = "Workers' & Peasants' \"Unity\" <2026>"


def received(address: str):
    """The mail to that address as its recipient's program parses it."""
    write_queued()
    row = OutboxMessage.objects.get(recipient=address)
    return message_from_bytes(build_email(row).message().as_bytes(), policy=policy.default)


@pytest.fixture
def conference():
    return ConferenceFactory(title=TITLE)


def test_mail_subjects_and_bodies_are_plain_text_for_every_kind_of_mail(conference):
    send_status_mail(RegistrationFactory(conference=conference, email="reg@example.org"), token="tok")
    invite(conference, email="invited@example.org")
    membership = MembershipFactory(conference=conference, user__email="team@example.org")
    send_team_invitation(
        membership, invited_by=MembershipFactory(conference=conference).user, new_account=False
    )
    invite_to_meeting(
        MeetingFactory(conference=conference, title=TITLE), name="Ana", email="meet@example.org"
    )
    session = create_session(
        conference, title=TITLE, starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 10)
    )
    SessionPerson.objects.create(session=session, name="Bora", email="speaker@example.org")
    update_session(session, starts_at=at(conference, 0, 11), ends_at=at(conference, 0, 12))
    documents.decide(document(conference, title=TITLE), Decision.CHANGES, note="A note & more.")

    subjects = {
        # Django folds a long encoded subject onto a second line; the unfolded value starts with its space.
        address: received(address)["Subject"].strip()
        for address in [
            "reg@example.org",
            "invited@example.org",
            "team@example.org",
            "meet@example.org",
            "speaker@example.org",
            "someone@example.org",
        ]
    }
    bodies = [received(address).get_body(("plain",)).get_content() for address in subjects]

    assert subjects == {
        "reg@example.org": f"Your registration for {TITLE} is confirmed",
        "invited@example.org": f"Invitation: {TITLE}",
        "team@example.org": f"You are on the team of {TITLE}",
        "meet@example.org": f"Invitation: {TITLE}",
        "speaker@example.org": f"Changed: {TITLE}",
        "someone@example.org": f"Changes requested: “{TITLE}”",
    }
    assert [TITLE in body and "&#x27;" not in body and "&amp;" not in body for body in bodies] == [True] * 6
