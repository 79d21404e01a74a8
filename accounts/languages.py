from django.conf import settings
from django.http import HttpResponse
from django.utils import translation

from common.content import site_language

# The query parameter that chooses the language of one answer: a feed's address, a link shared in one
# language.
LANGUAGE_PARAMETER = "lang"


def asked_language(request) -> str | None:
    """The site language the request asks for (`?lang=`, the language cookie, Accept-Language), or None
    when it asks for none that the site has: then the page chooses (a conference's exports take its
    first working language)."""
    chosen = site_language(request.GET.get(LANGUAGE_PARAMETER)) or site_language(
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    )
    if chosen:
        return chosen
    for code, _quality in translation.trans_real.parse_accept_lang_header(
        request.headers.get("Accept-Language", "")
    ):
        if code != "*" and site_language(code):
            return site_language(code)
    return None


def remember_language(response: HttpResponse, language: str) -> HttpResponse:
    """Set the language cookie that LocaleMiddleware reads, as Django's set_language view does."""
    if language and translation.check_for_language(language):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
