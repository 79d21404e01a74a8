import email
import email.policy
import logging

import pytest
from aiosmtpd.controller import Controller
from django.core import mail

from tests.conftest import free_port


class CollectingHandler:
    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def smtp_server():
    handler = CollectingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


def test_smtp_backend_delivers_to_a_real_smtp_server(smtp_server, settings):
    controller, handler = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    sent = mail.send_mail(
        "دعوة إلى المؤتمر", "Body text", "Zimmerwald <noreply@example.org>", ["delegate@example.org"]
    )

    [envelope] = handler.envelopes
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert sent == 1
    assert (envelope.mail_from, envelope.rcpt_tos) == ("noreply@example.org", ["delegate@example.org"])
    assert message["Subject"] == "دعوة إلى المؤتمر"
    assert message.get_content().strip() == "Body text"


def test_eml_backend_writes_one_readable_file_per_mail_and_logs_the_subject(tmp_path, caplog):
    connection = mail.get_connection("outbox.backends.EmlFileBackend", file_path=str(tmp_path / "mail"))
    messages = [
        mail.EmailMessage("Invitation", "Dear comrade", "noreply@example.org", ["a@example.org"]),
        mail.EmailMessage("Davetiye", "Sevgili", "noreply@example.org", ["b@example.org", "c@example.org"]),
    ]

    with caplog.at_level(logging.INFO, logger="outbox"):
        sent = connection.send_messages(messages)

    files = sorted((tmp_path / "mail").glob("*.eml"))
    parsed = [email.message_from_bytes(path.read_bytes(), policy=email.policy.default) for path in files]
    assert sent == 2
    assert sorted((message["Subject"], message["To"]) for message in parsed) == [
        ("Davetiye", "b@example.org, c@example.org"),
        ("Invitation", "a@example.org"),
    ]
    assert [record.getMessage().split(" (")[0] for record in caplog.records] == [
        "Mail to a@example.org: Invitation",
        "Mail to b@example.org, c@example.org: Davetiye",
    ]


def test_eml_backend_skips_a_mail_without_recipients(tmp_path):
    connection = mail.get_connection("outbox.backends.EmlFileBackend", file_path=str(tmp_path))

    assert connection.send_messages([mail.EmailMessage("Nobody", "x", "noreply@example.org", [])]) == 0
    assert list(tmp_path.glob("*.eml")) == []
