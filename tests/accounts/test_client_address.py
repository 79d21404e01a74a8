"""Behind the TLS proxy every limit counts the client's address, taken from X-Forwarded-For as the
proxy appends it (TRUSTED_PROXY_COUNT entries from the right), so that one client locks out only itself."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accounts.adapters import AccountAdapter
from config.client_ip import client_ip
from tests.factories import PASSWORD, ConferenceFactory, UserFactory
from tests.registrations.test_views import form_data, register_url

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # every request reaches gunicorn from the proxy


def through_proxy(client_address: str, spoofed: str = "") -> dict:
    """What the proxy passes on: the client's own X-Forwarded-For (anything it likes), then its address."""
    forwarded = f"{spoofed}, {client_address}" if spoofed else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def test_failed_sign_ins_behind_the_proxy_lock_out_only_that_client(client, behind_one_proxy):
    victim = UserFactory()
    attacker = "203.0.113.66"
    login = reverse("account_login")

    failures = [
        client.post(
            login,
            {"login": f"guess{n}@example.org", "password": "wrong-password-1"},
            **through_proxy(attacker, spoofed=f"198.51.100.{n}"),
        )
        for n in range(10)
    ]
    eleventh = client.post(login, {"login": "guess11@example.org", "password": "wrong-password-1"},
                           **through_proxy(attacker, spoofed="198.51.100.200"))  # fmt: skip
    client.cookies.clear()
    victim_signs_in = client.post(login, {"login": victim.email, "password": PASSWORD},
                                  **through_proxy("192.0.2.10"))  # fmt: skip

    assert [response.status_code for response in failures] == [200] * 10
    assert "Too many failed login attempts" not in failures[-1].content.decode()
    assert "Too many failed login attempts" in eleventh.content.decode()
    assert victim_signs_in.status_code == 302
    assert int(client.session["_auth_user_id"]) == victim.pk


def test_registration_limit_behind_the_proxy_counts_each_client(client, settings, behind_one_proxy):
    conference = ConferenceFactory()
    settings.REGISTRATION_RATE_LIMITS = {"ip": "1/h", "email": "100/h"}

    first = client.post(
        register_url(conference), form_data(email="a@example.org"), **through_proxy("203.0.113.1")
    )
    other_client = client.post(register_url(conference), form_data(email="b@example.org"),
                               **through_proxy("203.0.113.2"))  # fmt: skip
    same_client_spoofing = client.post(register_url(conference), form_data(email="c@example.org"),
                                       **through_proxy("203.0.113.1", spoofed="203.0.113.99"))  # fmt: skip

    assert (first.status_code, other_client.status_code, same_client_spoofing.status_code) == (302, 302, 429)


@pytest.mark.parametrize(
    ("count", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "203.0.113.5", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}, "203.0.113.5"),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.5"}, "203.0.113.5"),
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "1.2.3.4,203.0.113.5 , 10.0.0.1"}, "203.0.113.5"),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "2001:db8::1"}, "2001:db8::1"),
        # Missing, short or unreadable header: the address that connected, never a 500.
        (1, {"REMOTE_ADDR": "203.0.113.5"}, "203.0.113.5"),
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}, PROXY),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "1.2.3.4, not-an-address"}, PROXY),
    ],
)
def test_client_ip_counts_trusted_proxies_from_the_right(settings, count, meta, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", **meta)

    assert (client_ip(request), AccountAdapter(request).get_client_ip(request)) == (expected, expected)
