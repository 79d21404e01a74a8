"""The client address that every limit counts against: allauth's (through accounts.adapters) and
django-ratelimit's (RATELIMIT_IP_META_KEY points here). One function, one setting: TRUSTED_PROXY_COUNT."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"  # noqa: S104 - no REMOTE_ADDR (a Unix socket without a proxy header): one shared count


def client_ip(request: HttpRequest) -> str:
    """The address TRUSTED_PROXY_COUNT entries from the right of X-Forwarded-For, else REMOTE_ADDR.

    Each trusted proxy appends the address it received the request from, so the entries on the right
    are written by our proxies and whatever a client sends itself stays on the left, unread. A header
    with fewer entries than proxies, or one that is not an address, did not come through them all: the
    address that connected counts instead, so that a client cannot choose whom it is counted as."""
    remote = request.META.get("REMOTE_ADDR") or UNKNOWN
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote
