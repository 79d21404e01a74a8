import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from demo.conference import ensure_demo_organizer
from events.permissions import may_create_conference
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def fresh(user) -> User:
    return User.objects.get(pk=user.pk)  # has_perm caches the permissions on the instance


def test_grant_conference_creation_allows_the_account(capsys):
    user = UserFactory(email="ana@example.org")

    call_command("grant_conference_creation", "ANA@example.org")

    assert may_create_conference(fresh(user)) is True
    assert capsys.readouterr().out == "ana@example.org may now create conferences.\n"


def test_grant_conference_creation_with_revoke_takes_it_back(capsys):
    user = UserFactory(email="ana@example.org", may_create_conferences=True)

    call_command("grant_conference_creation", "ana@example.org", "--revoke")

    assert may_create_conference(fresh(user)) is False
    assert capsys.readouterr().out == "ana@example.org may no longer create conferences.\n"


def test_grant_conference_creation_for_an_unknown_address_says_so():
    with pytest.raises(CommandError) as error:
        call_command("grant_conference_creation", "nobody@example.org")

    assert str(error.value) == "No account has the address 'nobody@example.org': it must sign up first."


def test_demo_organizer_may_create_conferences():

    assert may_create_conference(fresh(ensure_demo_organizer())) is True
