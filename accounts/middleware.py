import zoneinfo

from django.utils import timezone, translation

from accounts.languages import LANGUAGE_PARAMETER
from common.content import site_language


class QueryLanguageMiddleware:
    """`?lang=ar` answers this one request in Arabic, whatever the cookie or the browser say (a calendar
    subscribed to program.ics?lang=ar, a link shared in one language). After LocaleMiddleware, whose
    language comes back once the answer is made."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = site_language(request.GET.get(LANGUAGE_PARAMETER))
        if not language:
            return self.get_response(request)
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class UserTimezoneMiddleware:
    """Show times in the signed-in user's time zone; UTC for everyone else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.timezone:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.timezone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
