import pytest

from events.enums import TeamRole
from tests.factories import MembershipFactory


@pytest.fixture
def organizer(client):
    membership = MembershipFactory(role=TeamRole.ORGANIZER, conference__timezone="America/Sao_Paulo")
    client.force_login(membership.user)
    return membership
