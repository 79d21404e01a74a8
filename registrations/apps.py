from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self) -> None:
        from outbox.links import register_link_maker
        from registrations.models import Registration
        from registrations.services import new_link

        register_link_maker(Registration, new_link)
