"""Cache-Control for the feeds and exports, written one way."""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control


def cache_for(response: HttpResponse, *, seconds: int, public: bool) -> None:
    """`public, max-age=N` for what anyone may read, `private, max-age=N` for the rest. Only the directive
    that applies is passed: patch_cache_control writes `private=False` for a False value."""
    patch_cache_control(response, **{"public" if public else "private": True}, max_age=seconds)
