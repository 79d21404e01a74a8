import pytest

from events.enums import TeamRole
from tests.factories import MembershipFactory
from tests.outbox.conftest import smtp_sink  # noqa: F401 (real SMTP server, for the change mails)


@pytest.fixture
def organizer(client):
    membership = MembershipFactory(role=TeamRole.ORGANIZER, conference__timezone="America/Sao_Paulo")
    client.force_login(membership.user)
    return membership
