"""Who calls the API: a personal token (Authorization: Bearer zw_…) or the signed-in session of the
site's own pages, which must then send its CSRF token on writes."""

from ninja.security import HttpBearer, SessionAuth

from api.services import token_for_secret


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        found = token_for_secret(token)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found
        return found


class SiteSessionAuth(SessionAuth):
    """The site's session (CSRF checked on every unsafe method by ninja's cookie authentication)."""

    def authenticate(self, request, key):
        if request.user.is_authenticated and request.user.is_active:
            request.api_token = None
            return request.user
        return None


AUTHENTICATION = [TokenAuth(), SiteSessionAuth()]
