"""Cache-Control for the feeds and exports, written one way, and their conditional answer; the headers of
a page reached through a personal link."""

from collections.abc import Callable
from datetime import datetime

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date


def cache_for(response: HttpResponse, *, seconds: int, public: bool) -> None:
    """`public, max-age=N` for what anyone may read, `private, max-age=N` for the rest. Only the directive
    that applies is passed: patch_cache_control writes `private=False` for a False value."""
    patch_cache_control(response, **{"public" if public else "private": True}, max_age=seconds)


def conditional(
    request,
    *,
    etag: str,
    last_modified: datetime,
    build: Callable[[int], HttpResponse],
    seconds: int,
    public: bool,
) -> HttpResponse:
    """A 304 when the client holds this version, else build(version) with ETag and Last-Modified;
    both carry the same ETag and Cache-Control (RFC 9110 15.4.5), so a cache that revalidates keeps the
    rules it had. `version` is Last-Modified in whole seconds (HTTP dates have no finer unit; the ETag
    tells finer changes)."""
    version = int(last_modified.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=version)
    if response is None:
        response = build(version)
        response["Last-Modified"] = http_date(version)
    response["ETag"] = etag
    cache_for(response, seconds=seconds, public=public)
    return response


def personal_page(response: HttpResponse) -> HttpResponse:
    """A page reached through a personal link: its token must not leak to linked sites, nor be indexed.
    ("no-referrer" would make browsers send a form with "Origin: null", which CSRF protection refuses.)"""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response
