"""Webhooks, the worker's half: sign each event, POST it to the receiver, and record the verdict with the
mail's backoff (outbox.delivery). A receiver is reached only on a public address over HTTPS, resolved
once and connected to by that address, so that a webhook cannot be pointed at the site's own network
(WEBHOOKS_ALLOW_LOCAL lifts both for development and tests)."""

import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import socket
import ssl
import time
from collections.abc import Iterable
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from outbox.delivery import MAX_ATTEMPTS, STALE_SENDING, backoff_delay
from outbox.enums import MessageStatus
from outbox.models import WebhookDelivery

logger = logging.getLogger("outbox")

TIMEOUT_SECONDS = 10
SIGNATURE_HEADER = "Zimmerwald-Signature"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """`t=<unix time>,v1=<hex HMAC-SHA256 of "<t>." + body>`: the receiver recomputes it with the secret
    and refuses an old timestamp, so that a captured request cannot be replayed later."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def public_address(host: str, port: int) -> str:
    """The address to connect to for `host`: refused when any it resolves to is not a public one."""
    try:
        found = {info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)}
    except (OSError, UnicodeError) as error:
        raise ValidationError(_("This address cannot be resolved."), code="unresolved") from error
    if not settings.WEBHOOKS_ALLOW_LOCAL and any(not ipaddress.ip_address(ip).is_global for ip in found):
        raise ValidationError(_("Webhooks go to public addresses only."), code="not_public")
    return sorted(found)[0]


def check_target(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a receiver the site may post to; a ValidationError otherwise."""
    parts = urlsplit(url)
    allowed = {"https", "http"} if settings.WEBHOOKS_ALLOW_LOCAL else {"https"}
    if parts.scheme not in allowed or not parts.hostname:
        raise ValidationError(_("Give an https:// address."), code="scheme")
    if parts.username or parts.password:
        raise ValidationError(_("Put no user name or password in the address."), code="credentials")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise ValidationError(_("This address has an invalid port."), code="port") from error
    public_address(parts.hostname, port)
    return parts.scheme, parts.hostname, port


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST to the receiver by the address checked, with certificate checks for its name; its status."""
    scheme, host, port = check_target(url)
    address = public_address(host, port)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    raw = socket.create_connection((address, port), timeout=TIMEOUT_SECONDS)
    if scheme == "https":
        context = ssl.create_default_context()
        connection = http.client.HTTPSConnection(host, port, timeout=TIMEOUT_SECONDS, context=context)
        connection.sock = context.wrap_socket(raw, server_hostname=host)
    else:
        connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT_SECONDS)
        connection.sock = raw
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(65536)
        return response.status
    finally:
        connection.close()


def _claim(delivery_id: int) -> WebhookDelivery | None:
    now = timezone.now()
    taken = WebhookDelivery.objects.filter(
        pk=delivery_id, status=MessageStatus.QUEUED, next_attempt_at__lte=now, attempts__lt=MAX_ATTEMPTS
    ).update(status=MessageStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now)
    if not taken:
        return None
    return WebhookDelivery.objects.select_related("webhook").get(pk=delivery_id)


def _verdict(delivery: WebhookDelivery, *, status_code: int | None, error: str) -> float | None:
    delivery.last_status_code = status_code
    delivery.last_error = error[:2000]
    retry_in = None
    if status_code is not None and 200 <= status_code < 300:
        delivery.status = MessageStatus.SENT
        delivery.sent_at = timezone.now()
    elif delivery.attempts >= MAX_ATTEMPTS or not delivery.webhook.is_active:
        delivery.status = MessageStatus.FAILED
    else:
        retry_in = backoff_delay(delivery.attempts)
        delivery.status = MessageStatus.QUEUED
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=retry_in)
    delivery.save(update_fields=["status", "sent_at", "last_status_code", "last_error", "next_attempt_at"])
    return retry_in


def deliver_webhooks(delivery_ids: Iterable[int]) -> dict[int, float]:
    """POST the due deliveries among the ids; {id: seconds until its retry} for those put back."""
    retries = {}
    for delivery_id in delivery_ids:
        delivery = _claim(delivery_id)
        if delivery is None:
            continue
        body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Zimmerwald-Webhooks/1",
            "Zimmerwald-Event": delivery.event,
            "Zimmerwald-Delivery": str(delivery.event_id),
            SIGNATURE_HEADER: sign(delivery.webhook.secret, int(time.time()), body),
        }
        try:
            status_code = post(delivery.webhook.url, body, headers)
            error = "" if 200 <= status_code < 300 else f"HTTP {status_code}"
        except (OSError, ValidationError, http.client.HTTPException) as failure:
            status_code, error = None, f"{type(failure).__name__}: {failure}"
        retry_in = _verdict(delivery, status_code=status_code, error=error)
        if retry_in is not None:
            retries[delivery.pk] = retry_in
            logger.warning(
                "Webhook delivery %s not taken (attempt %s): %s", delivery.pk, delivery.attempts, error
            )
    return retries


def due_webhook_deliveries(*, now, stale_after: timedelta = STALE_SENDING) -> list[int]:
    """Due deliveries, after putting back, due now, those a worker claimed `stale_after` ago and never
    finished (it died: the one place where an event may be posted twice)."""
    WebhookDelivery.objects.filter(status=MessageStatus.SENDING, claimed_at__lt=now - stale_after).update(
        status=MessageStatus.QUEUED, next_attempt_at=now
    )
    due = WebhookDelivery.objects.filter(status=MessageStatus.QUEUED, next_attempt_at__lte=now)
    return list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:5000])
