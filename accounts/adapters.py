from allauth.account.adapter import DefaultAccountAdapter

from accounts.languages import remember_language
from config.client_ip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """The address allauth's limits count, the same as django-ratelimit's (TRUSTED_PROXY_COUNT)."""
        return client_ip(request)

    def post_login(self, request, user, **kwargs):
        """After signing in, switch the site to the user's preferred language."""
        return remember_language(super().post_login(request, user, **kwargs), user.language)
