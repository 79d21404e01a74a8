import pytest

from events.enums import TeamRole
from tests.outbox.conftest import smtp_sink  # noqa: F401 (real SMTP server, for the change mails)


@pytest.fixture
def organizer(sign_in_team):
    return sign_in_team(TeamRole.ORGANIZER, conference__timezone="America/Sao_Paulo")
