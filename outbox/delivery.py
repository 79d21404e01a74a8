"""The one road for every mail, the worker's half: claim a due row, build the email, send it over a
shared connection, and record the verdict (sent, retried after a backoff, or failed), blanking the
personal links' tokens from the stored copy once the mail reaches its end."""

import logging
import random
import smtplib
from collections.abc import Iterable
from datetime import timedelta
from email.header import Header
from email.message import Message
from email.mime.text import MIMEText
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone

from outbox.enums import MessageStatus
from outbox.links import REDACTED, swap_secret
from outbox.models import OutboxMessage
from outbox.rendering import html_body, render_queued

logger = logging.getLogger("outbox")

MAX_ATTEMPTS = 8
BACKOFF_BASE_SECONDS = 30
BACKOFF_CAP_SECONDS = 30 * 60  # well under the broker's visibility timeout
STALE_SENDING = timedelta(minutes=15)  # a worker that held a row this long has died


def sender_address() -> str:
    """The bare address of DEFAULT_FROM_EMAIL, which every mail is sent from under its own name."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def calendar_attachment(calendar: str, *, method: str) -> MIMEText:
    """invite.ics as UTF-8 text/calendar with its METHOD: an attached `str` of type application/ics
    reaches mail programs with every non-ASCII letter escaped (\\u0131) and the file unreadable."""
    part = MIMEText(calendar, "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part


class Email(mail.EmailMultiAlternatives):
    """Django's message, with the subject encoded for its header line: Django encodes it without the
    "Subject: " before it, so that a long non-ASCII subject starts on a folded line, which readers
    (Python's email among them) unfold into a subject that begins with a space."""

    def message(self, **kwargs):
        msg = super().message(**kwargs)
        if not self.subject.isascii():
            del msg["Subject"]
            # Past Django's __setitem__, which would encode it again without the header's name.
            Message.__setitem__(msg, "Subject", Header(self.subject, "utf-8", header_name="Subject"))
        return msg


def build_email(message: OutboxMessage, connection=None) -> mail.EmailMultiAlternatives:
    email = Email(
        subject=message.subject,
        body=message.body_text,
        from_email=formataddr((message.sender_name or settings.SITE_NAME, sender_address())),
        to=[formataddr((message.recipient_name, message.recipient))],
        reply_to=message.reply_to or None,
        headers={"Message-ID": message.message_id, "Auto-Submitted": "auto-generated"},
        connection=connection,
    )
    html = message.body_html or html_body(
        text=message.body_text,
        subject=message.subject,
        language=message.language,
        heading=message.sender_name or settings.SITE_NAME,
    )
    email.attach_alternative(html, "text/html")
    if message.calendar:
        # An alternative part that calendar programs act on, and the same file as an attachment
        # for those that only offer attachments (RFC 6047).
        email.attach_alternative(message.calendar, f"text/calendar; method={message.calendar_method}")
        email.attach(calendar_attachment(message.calendar, method=message.calendar_method))
    return email


def _claim(message_id: int) -> OutboxMessage | None:
    """Take a due row from QUEUED to SENDING; None if another worker has it, or it is done or not due.

    One UPDATE ... RETURNING, atomic on its own: of two workers that try at once, the second finds
    the status changed when the first commits and updates nothing. The row is found by its key
    alone ("status || ''" keeps the planner off the outbox_due index, which right after a
    campaign's bulk insert it would otherwise walk over every queued row, once per mail).
    """
    table = connection.ops.quote_name(OutboxMessage._meta.db_table)
    now = timezone.now()
    claimed = list(
        OutboxMessage.objects.raw(
            f"UPDATE {table} SET status = %s, attempts = attempts + 1, claimed_at = %s "  # noqa: S608
            "WHERE id = %s AND status || '' = %s AND next_attempt_at <= %s AND attempts < %s RETURNING *",
            [MessageStatus.SENDING, now, message_id, MessageStatus.QUEUED, now, MAX_ATTEMPTS],
        )
    )
    if claimed:
        return claimed[0]
    # Claimed that often without a verdict: a worker keeps dying on this row. Give it up.
    stuck = OutboxMessage.objects.filter(
        pk=message_id, status=MessageStatus.QUEUED, next_attempt_at__lte=now, attempts__gte=MAX_ATTEMPTS
    ).first()
    if stuck is not None:
        stuck.status = MessageStatus.FAILED
        stuck.last_error = stuck.last_error or f"Gave up after {stuck.attempts} attempts"
        stuck.save(update_fields=["status", "last_error", *_redact(stuck)])
    return None


def _is_permanent(error: Exception) -> bool:
    """A 5xx answer means the server will never take this mail; anything else may pass later."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code < 600
    return False


def backoff_delay(attempts: int) -> float:
    """Exponential backoff with jitter: about 30 s, 1 min, 2 min ... up to 30 min."""
    delay = min(BACKOFF_BASE_SECONDS * 2 ** (attempts - 1), BACKOFF_CAP_SECONDS)
    return delay * random.uniform(0.5, 1.5)  # noqa: S311 - jitter, not cryptography


def _record_failure(message: OutboxMessage, error: Exception) -> float | None:
    """Fail the row, or put it back for a later attempt; returns the retry delay if there is one."""
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    retry_in = None
    redacted = []
    if _is_permanent(error) or message.attempts >= MAX_ATTEMPTS:
        message.status = MessageStatus.FAILED
        redacted = _redact(message)
    else:
        retry_in = backoff_delay(message.attempts)
        message.status = MessageStatus.QUEUED
        message.next_attempt_at = timezone.now() + timedelta(seconds=retry_in)
    message.save(update_fields=["status", "last_error", "next_attempt_at", *redacted])
    logger.warning(
        "Mail %s to %s not sent (attempt %s): %s", message.pk, message.recipient, message.attempts, error
    )
    return retry_in


def _fail_for_good(message: OutboxMessage, error: Exception) -> None:
    message.status = MessageStatus.FAILED
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    message.save(update_fields=["status", "last_error", *_redact(message)])
    logger.error("Mail %s to %s cannot be built: %s", message.pk, message.recipient, error)


def deliver(message_ids: Iterable[int]) -> dict[int, float]:
    """Send the due rows among message_ids over one connection.

    Returns {message id: seconds until its retry} for the rows put back after a transient error.
    A row that is not queued and due (sent, failed, or taken by another worker) is skipped.
    """
    retries: dict[int, float] = {}
    connection = mail.get_connection()
    try:
        for message_id in message_ids:
            message = _claim(message_id)
            if message is None:
                continue
            if message.render_with:
                try:
                    message.save(update_fields=render_queued(message))
                except Exception as error:  # a mail that cannot be written will not be written later either
                    _fail_for_good(message, error)
                    continue
            try:
                # Opened here, not by send(): a connection that send() opens it also closes after one mail.
                connection.open()
                build_email(message, connection).send()
            except (TimeoutError, smtplib.SMTPException, OSError) as error:
                retry_in = _record_failure(message, error)
                if retry_in is not None:
                    retries[message.pk] = retry_in
                connection.close()  # a broken session must not carry over to the next message
                continue
            except Exception as error:  # not the server's answer (e.g. a header Django refuses): final
                _fail_for_good(message, error)
                connection.close()
                continue
            mark_sent(message)
    finally:
        connection.close()
    return retries


def _redact(message: OutboxMessage) -> list[str]:
    """Blank the secrets (personal links' tokens) from the stored bodies, for a mail at its end: sent or
    failed. Returns the fields to save."""
    if not message.redactions:
        return []
    fields = []
    for secret in message.redactions:
        fields = swap_secret(message, secret, REDACTED)
    message.redactions = []
    return [*fields, "redactions"]


def mark_sent(message: OutboxMessage) -> None:
    message.status = MessageStatus.SENT
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["status", "sent_at", "last_error", *_redact(message)])


def release_stale_claims(*, claimed_before) -> int:
    """Put rows back in the queue, due at once, that a worker claimed before that time and never finished.

    Such a worker died between claiming and marking: its mail may have gone out, so this is the one
    place where a mail can be sent twice, and only the ones in flight at the moment of the crash.
    """
    stale = OutboxMessage.objects.filter(status=MessageStatus.SENDING, claimed_at__lt=claimed_before)
    return stale.update(status=MessageStatus.QUEUED, next_attempt_at=claimed_before)


def due_after_releasing_stale(*, now) -> list[int]:
    """The rows due now, after putting back those a dead worker left in SENDING."""
    release_stale_claims(claimed_before=now - STALE_SENDING)
    return list(
        OutboxMessage.objects.due(now).order_by("next_attempt_at").values_list("pk", flat=True)[:5000]
    )
