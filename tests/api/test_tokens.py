"""Personal API tokens: shown once, kept as a hash, scoped, revoked, their last use recorded."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from api.services import create_token, revoke_token, token_for_secret
from tests.api.conftest import bearer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_token_is_kept_only_as_a_hash_and_found_by_its_secret(world):
    user = UserFactory()
    token, secret = create_token(user, name="CRM", scope="read")

    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("zw_") and len(secret) > 40
    assert secret not in (stored.token_hash, stored.prefix) and stored.prefix == secret[:9]
    assert token_for_secret(secret) == token
    assert token_for_secret(secret + "x") is None and token_for_secret("zw_") is None


def test_a_revoked_token_or_one_of_a_deactivated_account_no_longer_works(world):
    client = Client()
    organizer = ApiToken.objects.get(name="all")
    assert client.get("/api/v1/me", **bearer(world.tokens["organizer"])).status_code == 200

    revoke_token(organizer)
    refused = client.get("/api/v1/me", **bearer(world.tokens["organizer"]))
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Bearer")
    assert refused.json()["status"] == 401

    viewer = ApiToken.objects.get(name="viewer")
    viewer.user.is_active = False
    viewer.user.save()
    assert client.get("/api/v1/me", **bearer(world.tokens["viewer"])).status_code == 401


def test_the_last_use_is_recorded_at_most_once_a_minute(world, django_assert_num_queries):
    client = Client()
    secret = world.tokens["viewer"]
    client.get("/api/v1/me", **bearer(secret))
    first = ApiToken.objects.get(name="viewer").last_used_at
    assert first is not None

    client.get("/api/v1/me", **bearer(secret))
    assert ApiToken.objects.get(name="viewer").last_used_at == first

    ApiToken.objects.filter(name="viewer").update(last_used_at=first - timedelta(minutes=2))
    client.get("/api/v1/me", **bearer(secret))
    assert ApiToken.objects.get(name="viewer").last_used_at > first


def test_a_token_for_one_conference_needs_a_place_on_its_team(world):
    with pytest.raises(Exception, match="not on the team"):
        create_token(UserFactory(), name="x", scope="write", conference=world.conference)


def test_the_page_shows_the_secret_once_and_lists_tokens_without_it(world, client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("api:token-list")

    made = client.post(url, {"name": "Check-in app", "scope": "write", "conference": ""})

    token = ApiToken.objects.get(user=user)
    secret = made.context["secret"]
    assert token_for_secret(secret) == token and token.scope == "write" and token.conference is None
    assert secret in made.content.decode()
    assert made["Cache-Control"].startswith("max-age=0") or "no-cache" in made["Cache-Control"]
    listed = client.get(url).content.decode()
    assert "Check-in app" in listed and token.prefix in listed and secret not in listed


def test_the_page_refuses_a_conference_of_another_team_and_a_name_with_control_characters(world, client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("api:token-list"),
        {"name": "bad\x07name", "scope": "write", "conference": world.conference.pk},
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "conference"}
    assert not ApiToken.objects.filter(user=user).exists()


def test_nobody_revokes_another_persons_token(world, client):
    client.force_login(UserFactory())
    target = ApiToken.objects.get(name="viewer")

    response = client.post(reverse("api:token-revoke", kwargs={"pk": target.pk}))

    assert response.status_code == 404
    target.refresh_from_db()
    assert target.revoked_at is None


def test_revoking_ones_own_token_from_the_page(world, client):
    token = ApiToken.objects.get(name="viewer")
    client.force_login(token.user)

    response = client.post(reverse("api:token-revoke", kwargs={"pk": token.pk}), follow=True)

    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_at <= timezone.now()
    assert "Revoked" in response.content.decode()
    assert Client().get("/api/v1/me", **bearer(world.tokens["viewer"])).status_code == 401
