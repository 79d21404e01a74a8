"""The one road for every mail: queue_mail() writes a row, a worker delivers it, sweep() catches up."""

import logging
import random
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from common.bulk import insert_all
from common.site_urls import site_domain
from outbox.enums import CalendarMethod, MessageStatus
from outbox.links import REDACTED, fresh_token
from outbox.models import OutboxMessage

logger = logging.getLogger("outbox")

MAX_ATTEMPTS = 8
BACKOFF_BASE_SECONDS = 30
BACKOFF_CAP_SECONDS = 30 * 60  # well under the broker's visibility timeout
STALE_SENDING = timedelta(minutes=15)  # a worker that held a row this long has died
BATCH_SIZE = 50


@dataclass(frozen=True)
class CalendarPart:
    method: str  # CalendarMethod.REQUEST or CalendarMethod.CANCEL
    content: bytes


def header_text(value: str, limit: int) -> str:
    """One line of plain text that fits its column: no CR, LF or other control characters."""
    return " ".join("".join(char if char.isprintable() else " " for char in value).split())[:limit]


def queue_mail(**fields) -> OutboxMessage:
    """Write the mail as a row in the caller's transaction; deliver it once that transaction commits.

    The same idempotency key twice gives the first row back and queues nothing new, so a retried
    request or a re-run job cannot send the same mail twice. Strings in `redact_after_sending`
    (a personal link's token) are blanked from the stored bodies once the mail is sent or has failed.
    Takes the keyword arguments of new_message().
    """
    existing = OutboxMessage.objects.filter(idempotency_key=fields["idempotency_key"]).first()
    if existing is not None:
        return existing
    message = new_message(**fields)
    message.save()
    transaction.on_commit(lambda: enqueue_delivery([message.pk]))
    return message


def queue_mails(mails: Iterable[OutboxMessage]) -> list[OutboxMessage]:
    """queue_mail() for many mails at once, made with new_message(): one INSERT per thousand rows and
    one hand-over to the workers after the commit. Mails whose key is already queued are left out."""
    mails = list(mails)
    keys = [message.idempotency_key for message in mails]
    taken = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        taken.update(
            OutboxMessage.objects.filter(idempotency_key__in=chunk).values_list("idempotency_key", flat=True)
        )
    fresh = [message for message in mails if message.idempotency_key not in taken]
    created = insert_all(OutboxMessage, fresh)
    ids = [message.pk for message in created]
    if ids:
        transaction.on_commit(lambda: enqueue_delivery(ids))
    return created


def new_message(
    *,
    to: str,
    subject: str,
    text: str,
    idempotency_key: str,
    language: str = "",
    to_name: str = "",
    html: str = "",
    sender_name: str = "",
    reply_to: Iterable[str] = (),
    calendar: CalendarPart | None = None,
    conference=None,
    about: models.Model | None = None,
    redact_after_sending: Iterable[str] = (),
    batch: str = "",
) -> OutboxMessage:
    """An unsaved outbox row for one mail, with its headers made safe; see queue_mail()."""
    return OutboxMessage(
        idempotency_key=idempotency_key,
        recipient=to.strip(),
        recipient_name=header_text(to_name, 200),
        language=language or settings.LANGUAGE_CODE,
        sender_name=header_text(sender_name, 200),
        reply_to=list(reply_to),
        subject=header_text(subject, 300),
        body_text=text,
        body_html=html,
        calendar_method=calendar.method if calendar else CalendarMethod.NONE,
        calendar=calendar.content.decode() if calendar else "",
        message_id=OutboxMessage.new_message_id(site_domain()),
        conference=conference,
        about_type=ContentType.objects.get_for_model(about) if about is not None else None,
        about_id=about.pk if about is not None else None,
        redactions=[secret for secret in redact_after_sending if secret],
        batch=batch,
    )


FAN_OUT_ABOVE = 4 * BATCH_SIZE


def enqueue_delivery(message_ids: list[int]) -> None:
    """Hand the rows to the workers, BATCH_SIZE to a task so that each task reuses one SMTP connection.

    A large hand-over (a campaign) is one task that a worker splits, so that the request that
    queued the mail publishes one message to the broker instead of hundreds.
    """
    from outbox.tasks import task_fan_out

    try:
        if len(message_ids) > FAN_OUT_ABOVE:
            task_fan_out.delay(message_ids=list(message_ids))
        else:
            fan_out(message_ids)
    except Exception:  # the broker is down: the rows stay queued and the sweep sends them
        logger.exception("Could not enqueue outbox delivery; the sweep will pick the rows up")


def fan_out(message_ids: list[int]) -> None:
    """One delivery task per BATCH_SIZE rows (run in a worker for a large hand-over)."""
    from outbox.tasks import task_deliver

    for start in range(0, len(message_ids), BATCH_SIZE):
        task_deliver.delay(message_ids=message_ids[start : start + BATCH_SIZE])


def sender_address() -> str:
    """The bare address of DEFAULT_FROM_EMAIL, which every mail is sent from under its own name."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def build_email(message: OutboxMessage, connection=None) -> mail.EmailMultiAlternatives:
    email = mail.EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=formataddr((message.sender_name or settings.SITE_NAME, sender_address())),
        to=[formataddr((message.recipient_name, message.recipient))],
        reply_to=message.reply_to or None,
        headers={"Message-ID": message.message_id, "Auto-Submitted": "auto-generated"},
        connection=connection,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    if message.calendar:
        # An alternative part that calendar programs act on, and the same file as an attachment
        # for those that only offer attachments (RFC 6047).
        email.attach_alternative(message.calendar, f"text/calendar; method={message.calendar_method}")
        email.attach("invite.ics", message.calendar, "application/ics")
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
    for secret in message.redactions:
        message.body_text = message.body_text.replace(secret, REDACTED)
        message.body_html = message.body_html.replace(secret, REDACTED)
    message.redactions = []
    return ["body_text", "body_html", "redactions"]


def mark_sent(message: OutboxMessage) -> None:
    message.status = MessageStatus.SENT
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["status", "sent_at", "last_error", *_redact(message)])


def sweep(*, now=None) -> list[int]:
    """Re-enqueue what the queue lost: due rows, and rows a dead worker left in SENDING.

    Runs from Celery beat every minute; a Redis outage or a killed worker delays mail but loses none.
    """
    now = now or timezone.now()
    release_stale_claims(claimed_before=now - STALE_SENDING)
    due = list(OutboxMessage.objects.due(now).order_by("next_attempt_at").values_list("pk", flat=True)[:5000])
    if due:
        enqueue_delivery(due)
    return due


def release_stale_claims(*, claimed_before) -> int:
    """Put rows back in the queue, due at once, that a worker claimed before that time and never finished.

    Such a worker died between claiming and marking: its mail may have gone out, so this is the one
    place where a mail can be sent twice, and only the ones in flight at the moment of the crash.
    """
    stale = OutboxMessage.objects.filter(status=MessageStatus.SENDING, claimed_at__lt=claimed_before)
    return stale.update(status=MessageStatus.QUEUED, next_attempt_at=claimed_before)


NOT_REBUILT = (
    "Not sent again: this mail carried a personal link that cannot be made again. Send a new one instead."
)


@transaction.atomic
def retry_failed(queryset) -> int:
    """Give failed rows a fresh set of attempts (an organizer's "retry" button); returns how many.

    A failed mail's personal link was blanked when it failed: a registration's or an invitation's
    gets a fresh token in its place (kept out of the stored copy again once it ends). Any other mail
    whose link was blanked stays failed, saying why, rather than going out with "[redacted]".
    """
    ids = list(queryset.filter(status=MessageStatus.FAILED).values_list("pk", flat=True))
    with_link = OutboxMessage.objects.select_for_update(of=("self",)).filter(
        pk__in=ids, status=MessageStatus.FAILED, body_text__contains=REDACTED
    )
    for message in with_link.select_related("about_type"):
        token = fresh_token(message.about)
        if token is None:
            message.last_error = gettext(
                "Not sent again: this mail carried a personal link that cannot be made again. "
                "Send a new one instead."
            )
            message.save(update_fields=["last_error"])
            ids.remove(message.pk)
            continue
        message.body_text = message.body_text.replace(REDACTED, token)
        message.body_html = message.body_html.replace(REDACTED, token)
        message.redactions = [token]
        message.save(update_fields=["body_text", "body_html", "redactions"])
    OutboxMessage.objects.filter(pk__in=ids, status=MessageStatus.FAILED).update(
        status=MessageStatus.QUEUED, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    transaction.on_commit(lambda: enqueue_delivery(ids))
    return len(ids)
