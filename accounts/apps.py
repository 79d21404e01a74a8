from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from accounts.sites import sync_site

        post_migrate.connect(sync_site, dispatch_uid="accounts.sync_site")
