"""A session's change mail shows each recipient their own address only."""

import pytest

from program.enums import PersonRole
from program.models import SessionPerson, Star
from program.services import create_session, update_session
from tests.factories import ConferenceFactory, UserFactory
from tests.mail import addresses_in, calendar_attendees
from tests.program.test_program import at

pytestmark = pytest.mark.django_db


def test_session_update_mail_shows_each_recipient_only_their_own_address(
    smtp_sink,
    django_capture_on_commit_callbacks,
):
    conference = ConferenceFactory()
    session = create_session(
        conference, title="Report", starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 10)
    )
    SessionPerson.objects.create(session=session, name="Ana", email="ana@example.org")
    SessionPerson.objects.create(session=session, name="Bora", email="bora@example.org",
                                 role=PersonRole.CHAIR)  # fmt: skip
    Star.objects.create(user=UserFactory(email="follower@example.org"), session=session)

    with django_capture_on_commit_callbacks(execute=True):
        update_session(session, starts_at=at(conference, 0, 11), ends_at=at(conference, 0, 12))

    seen = {
        message["To"].addresses[0].addr_spec: (addresses_in(message), calendar_attendees(message))
        for message in smtp_sink.received
    }
    assert seen == {
        address: ({address}, [f"mailto:{address}"])
        for address in ["ana@example.org", "bora@example.org", "follower@example.org"]
    }
