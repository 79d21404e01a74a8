"""The Content-Security-Policy header, and templates that need nothing it refuses."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import ConferenceFactory

ROOT = Path(__file__).resolve().parents[2]
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


@pytest.mark.django_db
def test_csp_header_is_on_html_pages(client):
    conference = ConferenceFactory()

    pages = [client.get(url) for url in ("/", conference.get_absolute_url(), reverse("account_login"))]

    policies = [sorted(page["Content-Security-Policy"].split("; ")) for page in pages]
    assert policies == [sorted(POLICY.split("; "))] * 3


def test_templates_have_no_inline_script_or_event_handler():
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    handler = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
    found = [
        (str(path.relative_to(ROOT)), match.group(0))
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for pattern in (inline_script, handler)
        for match in pattern.finditer(path.read_text())
    ]

    assert found == []
