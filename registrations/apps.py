from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self) -> None:
        from outbox.links import register_link_maker
        from outbox.rendering import register_renderer
        from registrations.models import Delegation, Registration
        from registrations.notifications import STATUS_MAIL, render_status_mail
        from registrations.services import new_link
        from registrations.services.delegations import new_delegation_link

        register_link_maker(Registration, new_link)
        register_link_maker(Delegation, new_delegation_link)
        register_renderer(STATUS_MAIL, render_status_mail)
