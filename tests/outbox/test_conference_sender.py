"""Every mail about a conference shows the sender name its team chose and sends answers to the address
its team gave; the From address stays the site's own, so that SPF and DKIM hold."""

from email import message_from_bytes, policy
from email.utils import parseaddr

import pytest
from django.conf import settings

from events.services.invitations import invite
from outbox.delivery import build_email
from outbox.models import OutboxMessage
from registrations.notifications import send_status_mail
from tests.factories import ConferenceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def headers_of(address: str):
    row = OutboxMessage.objects.get(recipient=address)
    return message_from_bytes(build_email(row).message().as_bytes(), policy=policy.default)


def test_the_mails_of_a_conference_carry_its_sender_name_and_reply_address():
    conference = ConferenceFactory(
        title="Conference against the War", mail_sender_name="Zimmerwald 2027 secretariat",
        mail_reply_to="secretariat@zimmerwald.example.org",
    )  # fmt: skip
    send_status_mail(RegistrationFactory(conference=conference, email="ana@example.org"), token="tok")
    invite(conference, email="ben@example.org")

    for address in ("ana@example.org", "ben@example.org"):
        mail = headers_of(address)
        name, sender = parseaddr(str(mail["From"]))
        assert name == "Zimmerwald 2027 secretariat"
        assert sender == parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        assert str(mail["Reply-To"]) == "secretariat@zimmerwald.example.org"


def test_without_them_the_title_signs_and_no_reply_address_is_given():
    conference = ConferenceFactory(title="Conference against the War")
    send_status_mail(RegistrationFactory(conference=conference, email="ana@example.org"), token="tok")

    mail = headers_of("ana@example.org")

    assert parseaddr(str(mail["From"]))[0] == "Conference against the War"
    assert mail["Reply-To"] is None
