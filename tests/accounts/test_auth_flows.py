"""allauth's flows as our settings configure them: email login, verification, codes, MFA, limits."""

import re
import zoneinfo
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from allauth.mfa.totp.internal.auth import yield_hotp_counters_from_time as counters
from django.core import mail
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import UserTimezoneMiddleware
from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def code_in(message) -> str:
    """The one-time code allauth puts on a line of its own, e.g. 'JBST-PLRC' or 'K7QX2M'."""
    return re.search(r"^([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})?)$", message.body, re.MULTILINE).group(1)


def test_signup_creates_an_unverified_user_and_mails_a_code(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "Ana.Costa@Example.org",
            "full_name": "Ana Costa",
            "timezone": "America/Sao_Paulo",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
        },
        HTTP_ACCEPT_LANGUAGE="pt",
    )

    user = User.objects.get()
    assert response.status_code == 302
    assert (user.email, user.full_name, user.timezone, user.language) == (
        "ana.costa@example.org",
        "Ana Costa",
        "America/Sao_Paulo",
        "pt",
    )
    assert EmailAddress.objects.get(user=user).verified is False
    [message] = mail.outbox
    assert message.to == ["ana.costa@example.org"]
    assert message.body.startswith("Olá de Zimmerwald!")  # in the language the person signed up in

    response = client.post(reverse("account_email_verification_sent"), {"code": code_in(message)})

    assert EmailAddress.objects.get(user=user).verified is True


def test_signup_with_bad_input_shows_errors_and_creates_nothing(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "not-an-address",
            "full_name": "",
            "timezone": "Mars/Olympus",
            "password1": "x",
            "password2": "y",
        },
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert sorted(form.errors) == ["email", "full_name", "password1", "timezone"]
    assert User.objects.count() == 0
    assert mail.outbox == []


def test_login_of_an_unverified_user_is_held_until_verification(client):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)

    response = sign_in(client, user.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_login_with_password_signs_in_and_switches_to_the_users_language(client):
    user = UserFactory(language="ar")

    response = sign_in(client, user.email.upper())

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert response.cookies["django_language"].value == "ar"


def test_login_by_emailed_code(client):
    user = UserFactory()

    client.post(reverse("account_request_login_code"), {"email": user.email})
    [message] = mail.outbox
    response = client.post(reverse("account_confirm_login_code"), {"code": code_in(message)})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_repeated_failed_logins_are_rate_limited(client):
    user = UserFactory()

    for _attempt in range(5):
        sign_in(client, user.email, "wrong-password")
    response = sign_in(client, user.email, PASSWORD)

    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_mails_a_link(client):
    user = UserFactory()

    response = client.post(reverse("account_reset_password"), {"email": user.email})

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [user.email]
    assert "/accounts/password/reset/key/" in message.body


def test_totp_activation_then_login_asks_for_a_second_factor(client):
    user = UserFactory()
    sign_in(client, user.email)
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))  # the password again first
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, next(iter(counters()))))

    response = client.post(reverse("mfa_activate_totp"), {"code": code})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    recovery = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)

    client.post(reverse("account_logout"))
    response = sign_in(client, user.email)

    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    spare_code = RecoveryCodes(recovery).get_unused_codes()[0]
    response = client.post(reverse("mfa_authenticate"), {"code": spare_code})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_allauth_pages_use_the_site_layout(client):
    page = client.get(reverse("account_login")).content.decode()

    assert '<a class="skip-link" href="#main">' in page
    assert '<div class="panel panel--narrow">' in page


def test_profile_requires_sign_in(client):
    response = client.get(reverse("accounts:profile-edit"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_profile_saves_language_and_timezone(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile-edit"),
        {"full_name": "Leyla Zana", "language": "kmr", "timezone": "Asia/Baghdad"},
    )

    user.refresh_from_db()
    assert response.status_code == 302
    assert (user.full_name, user.language, user.timezone) == ("Leyla Zana", "kmr", "Asia/Baghdad")
    assert response.cookies["django_language"].value == "kmr"


def test_profile_refuses_an_unknown_timezone_and_language(client):
    user = UserFactory(timezone="Europe/Rome")
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile-edit"), {"full_name": "X", "language": "xx", "timezone": "Mars/Olympus"}
    )

    user.refresh_from_db()
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"language", "timezone"}
    assert user.timezone == "Europe/Rome"


@pytest.mark.parametrize(("stored", "active"), [("Asia/Tehran", "Asia/Tehran"), ("Not/AZone", "UTC")])
def test_timezone_middleware_activates_the_users_zone(stored, active):
    user = User(email="tz@example.org", timezone=stored)
    request = RequestFactory().get("/")
    request.user = user
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return HttpResponse()

    UserTimezoneMiddleware(view)(request)

    assert seen["zone"] == active
    assert timezone.get_current_timezone() == zoneinfo.ZoneInfo("UTC")


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_admin_refuses_a_signed_in_non_staff_user(client):
    client.force_login(UserFactory())

    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 403


def test_signing_in_within_minutes_of_signing_up_says_a_verification_mail_was_sent(client):
    zone = zoneinfo.ZoneInfo("America/Sao_Paulo")
    before = timezone.now()
    client.post(reverse("account_signup"), {"email": "ana@example.org", "full_name": "Ana Costa",
                "timezone": zone.key, "password1": PASSWORD, "password2": PASSWORD})  # fmt: skip
    after = timezone.now()

    response = Client().post(reverse("account_login"), {"login": "ana@example.org", "password": PASSWORD})

    [error] = response.context["form"].non_field_errors()
    retry = {
        timezone.localtime(moment + timedelta(minutes=3), zone).strftime("%H:%M")
        for moment in (before, after)
    }
    assert error in {
        "A verification mail was sent to this address less than 3 minutes ago: check your mailbox for it, "
        f"or try again after {time}."
        for time in retry
    }
    assert len(mail.outbox) == 1
