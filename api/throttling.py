"""Rate limits per token (API_RATE_LIMIT), per signed-in person for the site's pages, per address for
the public routes (API_PUBLIC_RATE_LIMIT)."""

from django.conf import settings
from ninja.throttling import SimpleRateThrottle

from config.client_ip import client_ip


class CallerRateThrottle(SimpleRateThrottle):
    scope = "api"
    setting = "API_RATE_LIMIT"

    def __init__(self) -> None:
        super().__init__(rate=getattr(settings, self.setting))

    def allow_request(self, request) -> bool:
        # Read at each request, so that a changed setting (and a test's) applies without a restart.
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        if not settings.RATELIMIT_ENABLE:
            return True
        return super().allow_request(request)

    def get_cache_key(self, request) -> str:
        token = getattr(request, "api_token", None)
        if token is not None:
            caller = f"token-{token.pk}"
        elif request.user.is_authenticated:
            caller = f"user-{request.user.pk}"
        else:
            caller = f"address-{client_ip(request)}"
        return self.cache_format % {"scope": self.scope, "ident": caller}


class PublicRateThrottle(CallerRateThrottle):
    scope = "api-public"
    setting = "API_PUBLIC_RATE_LIMIT"
