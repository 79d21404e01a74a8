import asyncio
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from tests.conftest import free_port


class ScriptedSMTPHandler:
    """Collects what it receives; answers with `refusal` (e.g. "451 ...") while `refusals_left` > 0."""

    def __init__(self) -> None:
        self.received = []
        self.refusal = ""
        self.refusals_left = 0
        self.delay = 0.0  # seconds per message, to make a run slow enough to interrupt
        self.lock = asyncio.Lock()
        self.peers = set()  # (address, port) of each SMTP connection that delivered mail

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        async with self.lock:
            if self.refusals_left > 0:
                self.refusals_left -= 1
                return self.refusal
            self.received.append(message_from_bytes(envelope.original_content, policy=policy.default))
            self.peers.add(session.peer)
        return "250 Message accepted"

    def message_ids(self) -> list[str]:
        return [message["Message-ID"] for message in self.received]


@pytest.fixture
def smtp_sink(settings):
    """An aiosmtpd server on loopback, with Django's SMTP backend pointed at it."""
    handler = ScriptedSMTPHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    handler.port = controller.port
    try:
        yield handler
    finally:
        controller.stop()
