import datetime
import zoneinfo

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core.internal import ratelimit
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.languages import remember_language
from common.sentences import interpolate
from config.client_ip import client_ip


def verification_mail_wait(request, user, email: str) -> datetime.datetime | None:
    """When allauth will send `email` a new verification code, if a sign-in must wait for it now.

    With mandatory verification by code, signing in with an unverified address mails a code, at most
    once per `ACCOUNT_RATE_LIMITS["confirm_email"]`; allauth refuses the sign-in meanwhile, calling it
    "too many failed login attempts". The time comes from allauth's own counter in the cache."""
    if not (
        account_settings.EMAIL_VERIFICATION_BY_CODE_ENABLED
        and account_settings.EMAIL_VERIFICATION == account_settings.EmailVerificationMethod.MANDATORY
        and EmailAddress.objects.filter(user=user, email__iexact=email, verified=False).exists()
    ):
        return None
    free_at = None
    for rate in ratelimit.get_rates(app="allauth.account", action="confirm_email"):
        key = ratelimit.get_cache_key(request, app="allauth.account", action="confirm_email", rate=rate,
                                      key=email.lower())  # fmt: skip
        history = cache.get(key, [])  # the times of the mails sent, newest first
        if len(history) >= rate.amount:
            moment = history[rate.amount - 1] + rate.duration
            free_at = max(free_at or moment, moment)
    if free_at is None or free_at <= timezone.now().timestamp():
        return None
    return datetime.datetime.fromtimestamp(free_at, tz=datetime.UTC)


def _zone_of(user) -> datetime.tzinfo:
    """The user's own time zone (chosen at sign-up), else the active one."""
    try:
        return zoneinfo.ZoneInfo(user.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_current_timezone()


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """The address allauth's limits count, the same as django-ratelimit's (TRUSTED_PROXY_COUNT)."""
        return client_ip(request)

    def authenticate(self, request, **credentials):
        """Right password, but the verification code was mailed minutes ago: say so, and until when,
        rather than allauth's "Too many failed login attempts"."""
        user = super().authenticate(request, **credentials)
        email = credentials.get("email")
        if user is not None and email and (free_at := verification_mail_wait(request, user, email)):
            minutes = round(
                ratelimit.get_rates(app="allauth.account", action="confirm_email")[0].duration / 60
            )
            message = ngettext(
                "A verification mail was sent to this address less than %(minutes)d minute ago: check your "
                "mailbox for it, or try again after %(time)s.",
                "A verification mail was sent to this address less than %(minutes)d minutes ago: check your "
                "mailbox for it, or try again after %(time)s.",
                minutes,
            )
            time = timezone.localtime(free_at, _zone_of(user)).strftime("%H:%M")
            raise ValidationError(
                interpolate(message, minutes=minutes, time=time), code="verification_mail_recent"
            )
        return user

    def post_login(self, request, user, **kwargs):
        """After signing in, switch the site to the user's preferred language."""
        return remember_language(super().post_login(request, user, **kwargs), user.language)
