"""The one road for every mail, its first half: queue_mail() writes a row in the caller's transaction and
hands it to the workers once that commits (outbox.tasks); outbox.delivery is the worker's half."""

import logging
import re
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from common.bulk import insert_all
from common.site_urls import site_domain
from outbox import tasks, webhooks
from outbox.enums import CalendarMethod, MessageStatus, WebhookEvent
from outbox.links import REDACTED, fresh_token, swap_secret
from outbox.models import OutboxMessage, Webhook, WebhookDelivery
from outbox.rendering import CalendarPart, header_text

__all__ = [
    "CalendarPart",
    "create_webhook",
    "header_text",
    "new_message",
    "queue_event",
    "queue_mail",
    "queue_mails",
    "retry_webhook_deliveries",
]

logger = logging.getLogger("outbox")


def queue_mail(
    *,
    to: str,
    idempotency_key: str,
    subject: str = "",
    text: str = "",
    language: str = "",
    to_name: str = "",
    html: str = "",
    sender_name: str = "",
    reply_to: Iterable[str] = (),
    calendar: CalendarPart | None = None,
    conference=None,
    about: models.Model | None = None,
    redact_after_sending: Iterable[str] = (),
    render_with: str = "",
    render_arguments: dict | None = None,
) -> OutboxMessage:
    """Write the mail as a row in the caller's transaction; deliver it once that transaction commits.

    The same idempotency key twice gives the first row back and queues nothing new, so a retried
    request or a re-run job cannot send the same mail twice. Strings in `redact_after_sending`
    (a personal link's token) are blanked from the stored bodies once the mail is sent or has failed.

    With `render_with` (a renderer registered with outbox.rendering) the subject and text are not given:
    the worker writes them from `about` and `render_arguments` before sending, out of the request.
    """
    existing = OutboxMessage.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    message = new_message(
        to=to,
        subject=subject,
        text=text,
        idempotency_key=idempotency_key,
        language=language,
        to_name=to_name,
        html=html,
        sender_name=sender_name,
        reply_to=reply_to,
        calendar=calendar,
        conference=conference,
        about=about,
        redact_after_sending=redact_after_sending,
        render_with=render_with,
        render_arguments=render_arguments,
    )
    message.save()
    transaction.on_commit(lambda: tasks.enqueue_delivery([message.pk]))
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
        transaction.on_commit(lambda: tasks.enqueue_delivery(ids))
    return created


def new_message(
    *,
    to: str,
    idempotency_key: str,
    subject: str = "",
    text: str = "",
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
    render_with: str = "",
    render_arguments: dict | None = None,
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
        render_with=render_with,
        render_arguments=render_arguments or {},
    )


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
        Q(body_text__contains=REDACTED) | ~Q(render_with=""), pk__in=ids, status=MessageStatus.FAILED
    )
    for message in with_link.select_related("about_type"):
        if REDACTED not in message.body_text and REDACTED not in message.render_arguments.values():
            continue  # failed before the worker wrote it, with no link or its link still in place
        token = fresh_token(message.about)
        if token is None:
            message.last_error = gettext(
                "Not sent again: this mail carried a personal link that cannot be made again. "
                "Send a new one instead."
            )
            message.save(update_fields=["last_error"])
            ids.remove(message.pk)
            continue
        fields = swap_secret(message, REDACTED, token)
        message.redactions = [token]
        message.save(update_fields=[*fields, "redactions"])
    OutboxMessage.objects.filter(pk__in=ids, status=MessageStatus.FAILED).update(
        status=MessageStatus.QUEUED, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    transaction.on_commit(lambda: tasks.enqueue_delivery(ids))
    return len(ids)


DELETED = "[deleted]"
BLANKED = (
    "recipient",
    "recipient_name",
    "body_text",
    "body_html",
    "calendar",
    "redactions",
    "render_arguments",
)
WITHDRAWN = "Withdrawn: its recipient's personal data was deleted before it was sent."


def _words_pattern(words: Iterable[str]) -> re.Pattern | None:
    """Each word where it stands on its own (not inside a longer word), as typed and as HTML writes it;
    an address in any case, since mail addresses are compared so."""
    found = {word.strip() for word in words if word.strip()}
    if not found:
        return None
    variants = found | {escape(word) for word in found}
    alternatives = [
        f"(?i:{re.escape(word)})" if "@" in word else rf"(?<!\w){re.escape(word)}(?!\w)"
        for word in sorted(variants, key=len, reverse=True)
    ]
    return re.compile("|".join(alternatives))


@transaction.atomic
def forget_recipient(*, about: models.Model, conference=None, words: Iterable[str]) -> int:
    """Someone asked to be forgotten: of the stored mails about `about` only a count stays (subject,
    status, dates), their recipient, names, bodies and calendar blanked, and one not sent yet withdrawn;
    in the conference's other mails (the team's news, a delegation's report) each of `words` (the
    person's name and address) becomes "[deleted]". Returns how many mails changed.

    A mail a worker is sending at this very moment keeps its copy until the worker records the verdict."""
    pattern = _words_pattern(words)
    address_words = {word.strip().lower() for word in words if "@" in word}
    about_type = ContentType.objects.get_for_model(about)
    own = list(OutboxMessage.objects.select_for_update().filter(about_type=about_type, about_id=about.pk))
    for message in own:
        message.recipient = message.recipient_name = message.body_text = message.body_html = ""
        message.calendar, message.redactions, message.render_arguments = "", [], {}
        if pattern is not None:
            message.subject = pattern.sub(DELETED, message.subject)
        fields = [*BLANKED, "subject"]
        if message.status == MessageStatus.QUEUED:
            message.status, message.last_error = MessageStatus.FAILED, WITHDRAWN
            fields += ["status", "last_error"]
        message.save(update_fields=fields)
    if pattern is None or conference is None:
        return len(own)
    mentions = Q()
    for word in {word.strip() for word in words if word.strip()}:
        for column in ("subject", "recipient_name", "recipient", "body_text", "body_html"):
            mentions |= Q(**{f"{column}__icontains": word})
    others = (
        OutboxMessage.objects.select_for_update()
        .filter(conference=conference)
        .filter(mentions)
        .exclude(pk__in=[message.pk for message in own])
    )
    changed = 0
    for message in others:
        fields = []
        for column in ("subject", "recipient_name", "body_text", "body_html"):
            text = getattr(message, column)
            scrubbed = pattern.sub(DELETED, text)
            if scrubbed != text:
                setattr(message, column, scrubbed)
                fields.append(column)
        if message.recipient.lower() in address_words:  # the person also got this one, in another role
            message.recipient = ""
            fields.append("recipient")
            if message.status == MessageStatus.QUEUED:
                message.status, message.last_error = MessageStatus.FAILED, WITHDRAWN
                fields += ["status", "last_error"]
        if fields:
            message.save(update_fields=fields)
            changed += 1
    return len(own) + changed


def queue_event(conference, *, event: str, data: dict) -> list[WebhookDelivery]:
    """Tell the conference's webhooks that subscribe to `event`: a delivery row each, in the caller's
    transaction, handed to the workers once it commits."""
    hooks = [hook for hook in conference.webhooks.filter(is_active=True) if event in hook.events]
    if not hooks:
        return []
    occurred_at = timezone.now().isoformat()
    deliveries = []
    for hook in hooks:
        delivery = WebhookDelivery(webhook=hook, event=event, payload={})
        delivery.payload = {"id": str(delivery.event_id), "event": event, "occurred_at": occurred_at,
                            "conference": conference.slug, "data": data}  # fmt: skip
        deliveries.append(delivery)
    WebhookDelivery.objects.bulk_create(deliveries)
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: tasks.enqueue_webhooks(ids))
    return deliveries


def create_webhook(conference, *, url: str, events: Iterable[str]) -> Webhook:
    """A receiver for the conference's events, with a fresh signing secret; its address is checked now
    (https, a public address) and again at each delivery."""
    events = [event for event in WebhookEvent.values if event in set(events)]
    if not events:
        raise ValidationError({"events": gettext("Choose at least one event.")})
    try:
        webhooks.check_target(url)
    except ValidationError as error:
        raise ValidationError({"url": error.messages}) from error
    return Webhook.objects.create(conference=conference, url=url, events=events, secret=secrets.token_hex(32))


def retry_webhook_deliveries(webhook: Webhook) -> int:
    """Queue the failed deliveries of the webhook again, due now, with their attempts counted afresh."""
    failed = webhook.deliveries.filter(status=MessageStatus.FAILED)
    ids = list(failed.values_list("pk", flat=True))
    failed.update(status=MessageStatus.QUEUED, attempts=0, next_attempt_at=timezone.now())
    if ids:
        transaction.on_commit(lambda: tasks.enqueue_webhooks(ids))
    return len(ids)
