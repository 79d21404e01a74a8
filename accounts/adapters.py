from allauth.account.adapter import DefaultAccountAdapter

from accounts.languages import remember_language


class AccountAdapter(DefaultAccountAdapter):
    def post_login(self, request, user, **kwargs):
        """After signing in, switch the site to the user's preferred language."""
        return remember_language(super().post_login(request, user, **kwargs), user.language)
