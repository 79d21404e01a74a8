"""What a registrant types reaches the address they typed only as far as a greeting can carry it."""

from email import message_from_bytes, policy

import pytest
from django.core import mail
from django.test.signals import template_rendered
from django.utils import translation
from django.utils.translation import gettext

from common.templatetags.zimmerwald import isolate
from outbox import delivery
from outbox.delivery import build_email
from outbox.models import OutboxMessage
from registrations.services import cancel, register
from tests.factories import ConferenceFactory, UserFactory
from tests.mail import parts_text, write_queued

pytestmark = pytest.mark.django_db

NOTE = "Cheap pills at https://pills.example/buy now! You have won a prize, claim it today."


def mail_to(address: str) -> str:
    write_queued()
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


def sent_by_the_worker(settings) -> list:
    """Deliver every queued row as the worker does (outbox.delivery.deliver), to the locmem backend; the
    mails as their recipients' programs parse them."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    delivery.deliver(OutboxMessage.objects.order_by("pk").values_list("pk", flat=True))
    return [message_from_bytes(sent.message().as_bytes(), policy=policy.default) for sent in mail.outbox]


def calendar_method(message) -> str | None:
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    return parts[0].get_param("method") if parts else None


def test_registering_queues_the_mail_without_writing_it():
    conference = ConferenceFactory(title="Conference")
    written = []

    def note(sender, template, **kwargs):
        written.append(template.name)

    template_rendered.connect(note)
    try:
        register(conference, full_name="Ana", email="ana@example.org", country="FR")
    finally:
        template_rendered.disconnect(note)

    row = OutboxMessage.objects.get(recipient="ana@example.org")
    assert [name for name in written if name.startswith("registrations/mail/")] == []
    assert (row.render_with, row.subject, row.body_text, row.calendar) == ("registrations.status", "", "", "")


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_worker_writes_the_confirmation_from_the_row_in_the_registrants_language(settings, language):
    conference = ConferenceFactory(title="Conferencia Internacional")
    registered = register(
        conference, full_name="Ana", email="ana@example.org", country="FR", language=language
    )

    [message] = sent_by_the_worker(settings)

    with translation.override(language):
        subject = gettext("Your registration for %(title)s is confirmed") % {
            "title": isolate(conference.title)
        }
    text = message.get_body(("plain",)).get_content()
    assert message["Subject"] == subject
    assert f"/r/{registered.token}/" in text
    assert calendar_method(message) == "REQUEST"
    stored = OutboxMessage.objects.get()
    assert (stored.render_with, stored.render_arguments) == ("", {})
    assert registered.token not in stored.body_text and "/r/[redacted]/" in stored.body_text


def test_a_mail_written_after_a_later_change_tells_the_status_it_was_queued_with(settings):
    conference = ConferenceFactory(title="Conference")
    registration = register(conference, full_name="Ana", email="ana@example.org", country="FR").registration
    cancel(registration)

    confirmation, cancellation = sent_by_the_worker(settings)

    assert confirmation["Subject"] == "Your registration for Conference is confirmed"
    assert calendar_method(confirmation) == "REQUEST"
    assert cancellation["Subject"] == "Your registration for Conference is cancelled"
    assert calendar_method(cancellation) == "CANCEL"
