"""Personal API tokens: made with a secret shown once, found by the hash of that secret, revoked."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from api.enums import TokenScope
from api.models import ApiToken
from events.models import ConferenceMembership

SECRET_PREFIX = "zw_"  # noqa: S105 (the mark that tells a token apart, not a secret)
# Recording each use would write a row per request; a minute is precise enough to tell a live token.
LAST_USE_PRECISION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user, *, name: str, scope: str, conference=None) -> tuple[ApiToken, str]:
    """A new token of `user` and its secret (256 random bits), which is not kept and cannot be shown again."""
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Choose read only or read and write.")})
    if (
        conference is not None
        and not ConferenceMembership.objects.filter(user=user, conference=conference).exists()
    ):
        raise ValidationError({"conference": _("You are not on the team of this conference.")})
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip(), scope=scope, conference=conference,
        prefix=secret[: len(SECRET_PREFIX) + 6], token_hash=hash_secret(secret),
    )  # fmt: skip
    return token, secret


def revoke_token(token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_for_secret(secret: str) -> ApiToken | None:
    """The live token of this secret, its use recorded; None for an unknown, revoked or inactive one."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_secret(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def tokens_of(user):
    return ApiToken.objects.filter(user=user).select_related("conference")
