"""The site's own absolute URLs, for mails, calendar files and feeds (SITE_URL)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# Stands in for the varying part while a URL pattern is reversed once: digits, so that it fits
# <int:...> as well as <str:...>, and long enough not to occur in the rest of the URL.
URL_MARKER = "918273645546372819"


def absolute_url_builder(name: str, *, vary: str, **kwargs):
    """value -> the absolute URL of `name` with `vary` set to that value, reversed only once:
    for the thousands of links of a campaign or a feed."""
    url = absolute_url(reverse(name, kwargs={**kwargs, vary: URL_MARKER}))
    head, tail = url.split(URL_MARKER)
    return lambda value: f"{head}{value}{tail}"


def path_builder(name: str, *, vary: str, **kwargs):
    """value -> the path of `name` with `vary` set to that value, reversed only once: for the
    hundreds of links of a page."""
    head, tail = reverse(name, kwargs={**kwargs, vary: URL_MARKER}).split(URL_MARKER)
    return lambda value: f"{head}{value}{tail}"
