from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self) -> None:
        from events.signals import conference_moved
        from registrations.notifications import send_conference_moved

        conference_moved.connect(send_conference_moved, dispatch_uid="registrations.conference_moved")
