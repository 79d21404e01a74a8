"""The one road for every mail, the worker's half: claim a due row, build the email, send it over a
shared connection, and record the verdict (sent, retried after a backoff, or failed), blanking the
personal links' tokens from the stored copy once the mail reaches its end."""

import functools
import logging
import random
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from email.header import Header
from email.message import Message
from email.mime.text import MIMEText
from email.utils import formataddr

from django.conf import settings
from django.core import mail
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from outbox.enums import MessageStatus
from outbox.links import REDACTED, swap_secret
from outbox.mime import MailShape, sender_address
from outbox.models import OutboxMessage
from outbox.rendering import html_body, render_queued

logger = logging.getLogger("outbox")

MAX_ATTEMPTS = 8
BACKOFF_BASE_SECONDS = 30
BACKOFF_CAP_SECONDS = 30 * 60  # well under the broker's visibility timeout
STALE_SENDING = timedelta(minutes=15)  # a worker that held a row this long has died


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


def html_part(message: OutboxMessage) -> str:
    """The mail's HTML alternative: the one given when it was queued, else made from its text."""
    return message.body_html or html_body(
        text=message.body_text,
        subject=message.subject,
        language=message.language,
        heading=message.sender_name or settings.SITE_NAME,
    )


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
    email.attach_alternative(html_part(message), "text/html")
    if message.calendar:
        # An alternative part that calendar programs act on, and the same file as an attachment
        # for those that only offer attachments (RFC 6047).
        email.attach_alternative(message.calendar, f"text/calendar; method={message.calendar_method}")
        email.attach(calendar_attachment(message.calendar, method=message.calendar_method))
    return email


def _claim(message_id: int, *, recording_sent: OutboxMessage | None = None) -> OutboxMessage | None:
    """Take a due row from QUEUED to SENDING; None if another worker has it, or it is done or not due.

    One UPDATE ... RETURNING, atomic on its own: of two workers that try at once, the second finds
    the status changed when the first commits and updates nothing. The row is found by its key
    alone ("status || ''" keeps the planner off the outbox_due index, which right after a
    campaign's bulk insert it would otherwise walk over every queued row, once per mail).

    `recording_sent`, the mail sent just before, is recorded as sent by the same statement on
    PostgreSQL (elsewhere by one just before it): one round trip and one commit per mail, and never
    more than one mail sent and not yet recorded, the one a killed worker may leave to be sent again.
    """
    database = connections[DEFAULT_DB_ALIAS]  # once: each use of django.db.connection looks it up again
    reading = _reading(database)
    now = timezone.now()
    claim = (
        f"UPDATE {reading.table} SET status = %s, attempts = attempts + 1, claimed_at = %s "  # noqa: S608
        "WHERE id = %s AND status || '' = %s AND next_attempt_at <= %s AND attempts < %s "
        f"RETURNING {reading.columns}"
    )
    parameters = [MessageStatus.SENDING, now, message_id, MessageStatus.QUEUED, now, MAX_ATTEMPTS]
    with database.cursor() as cursor:
        if recording_sent is not None:
            record, record_parameters = _sent_statement(recording_sent, database)
            if database.vendor == "postgresql":
                claim, parameters = f"WITH sent AS ({record}) {claim}", [*record_parameters, *parameters]
            else:
                cursor.execute(record, record_parameters)
        cursor.execute(claim, parameters)
        claimed = cursor.fetchone()
    if claimed is not None:
        return reading.instance(claimed)
    # Claimed that often without a verdict: a worker keeps dying on this row. Give it up.
    stuck = OutboxMessage.objects.filter(
        pk=message_id, status=MessageStatus.QUEUED, next_attempt_at__lte=now, attempts__gte=MAX_ATTEMPTS
    ).first()
    if stuck is not None:
        stuck.status = MessageStatus.FAILED
        stuck.last_error = stuck.last_error or f"Gave up after {stuck.attempts} attempts"
        stuck.save(update_fields=["status", "last_error", *_redact(stuck)])
    return None


@dataclass(frozen=True)
class _Reading:
    """How a statement returns an outbox row and how it becomes an instance, as a query would make it
    (a queryset or raw() costs more than the mail's own bytes here, for a single row)."""

    database: BaseDatabaseWrapper
    table: str
    columns: str  # every concrete column, in the model's order
    converters: tuple  # (index, column, functions) for the values a query would convert

    def instance(self, row: tuple) -> OutboxMessage:
        values = list(row)
        for index, column, functions in self.converters:
            for convert in functions:
                values[index] = convert(values[index], column, self.database)
        return OutboxMessage.from_db(self.database.alias, None, values)


@functools.lru_cache(maxsize=16)
def _reading(database: BaseDatabaseWrapper) -> _Reading:
    meta = OutboxMessage._meta
    quote = database.ops.quote_name
    converters = []
    for index, field in enumerate(meta.concrete_fields):
        column = field.get_col(meta.db_table)
        functions = (*database.ops.get_db_converters(column), *field.get_db_converters(database))
        if functions:
            converters.append((index, column, functions))
    return _Reading(
        database=database,
        table=quote(meta.db_table),
        columns=", ".join(quote(field.column) for field in meta.concrete_fields),
        converters=tuple(converters),
    )


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
    shapes: dict[MailShape, MailShape] = {}
    sent = None  # the last mail sent, recorded with the next claim
    try:
        for message_id in message_ids:
            message = _claim(message_id, recording_sent=sent)
            sent = None
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
                _send(message, connection, shapes)
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
            sent = message
    finally:
        try:
            if sent is not None:
                mark_sent(sent)
        finally:
            connection.close()
    return retries


def _send(message: OutboxMessage, connection, shapes: dict[MailShape, MailShape]) -> None:
    """Over Django's SMTP connection a mail goes as the bytes outbox.mime builds from its shape, which
    the mails of a send share (`shapes`, filled as they come); through any other backend (the laptop's
    files, the tests' memory), and with a calendar, as build_email()'s message: the same bytes."""
    shape = MailShape.of(message) if isinstance(connection, SMTPBackend) else None
    if shape is None:
        build_email(message, connection).send()
        return
    wire = shapes.setdefault(shape, shape).wire_mail(message, html=html_part(message))
    connection.connection.sendmail(wire.sender, wire.recipients, wire.data)


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


def _sent_statement(message: OutboxMessage, database) -> tuple[str, list]:
    """The UPDATE that records a mail as sent: its status, when, and its stored copy without its
    personal links. The instance is changed to match."""
    message.status, message.sent_at, message.last_error = MessageStatus.SENT, timezone.now(), ""
    meta = OutboxMessage._meta
    fields = [meta.get_field(name) for name in ["status", "sent_at", "last_error", *_redact(message)]]
    quote = database.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    values = [field.get_db_prep_save(getattr(message, field.attname), database) for field in fields]
    return f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE id = %s", [*values, message.pk]  # noqa: S608


def mark_sent(message: OutboxMessage) -> None:
    database = connections[DEFAULT_DB_ALIAS]
    statement, parameters = _sent_statement(message, database)
    with database.cursor() as cursor:
        cursor.execute(statement, parameters)


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
