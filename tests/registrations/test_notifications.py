"""What a registrant types reaches the address they typed only as far as a greeting can carry it."""

from email import message_from_bytes, policy

import pytest

from outbox.delivery import build_email
from outbox.models import OutboxMessage
from registrations.services import register
from tests.factories import ConferenceFactory, UserFactory
from tests.mail import parts_text

pytestmark = pytest.mark.django_db

NOTE = "Cheap pills at https://pills.example/buy now! You have won a prize, claim it today."


def mail_to(address: str) -> str:
    row = OutboxMessage.objects.get(recipient=address)
    message = message_from_bytes(build_email(row).message().as_bytes(), policy=policy.default)
    return "\n".join(parts_text(message))


def test_the_mail_to_an_unverified_address_carries_neither_the_note_nor_a_url_from_the_name():
    conference = ConferenceFactory(title="Conference")

    register(conference, full_name="www.win-big.example/claim", email="stranger@example.org", country="FR",
             note=NOTE, accessibility_needs="Visit spam.example")  # fmt: skip

    text = mail_to("stranger@example.org")
    assert [piece in text for piece in ["pills.example", "prize", "win-big", "spam.example"]] == [False] * 4
    assert "Hello," in text


def test_a_long_name_is_cut_in_the_mail_to_an_unverified_address():
    conference = ConferenceFactory(title="Conference")

    register(
        conference, full_name="Ana " + "Buy our product today " * 8, email="ana@example.org", country="FR"
    )

    text = mail_to("ana@example.org")
    assert "Dear Ana Buy our product today Buy our product today Buy our pro…,\n" in text
    # Twice in each of: the To header, the greeting in text and HTML, the calendar part and its attachment.
    assert text.count("Buy our product") == 10


def test_a_verified_address_is_greeted_by_the_full_name():
    user = UserFactory(email="ana@example.org")
    conference = ConferenceFactory(title="Conference")

    register(conference, full_name="Ana Delegate of the www.party.example", email="ana@example.org",
             country="FR", user=user)  # fmt: skip

    assert "Dear Ana Delegate of the www.party.example," in mail_to("ana@example.org")
