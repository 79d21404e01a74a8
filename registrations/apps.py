from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self) -> None:
        from events.signals import conference_moved, seats_added
        from registrations.notifications import send_conference_moved
        from registrations.services import fill_added_seats

        conference_moved.connect(send_conference_moved, dispatch_uid="registrations.conference_moved")
        seats_added.connect(fill_added_seats, dispatch_uid="registrations.seats_added")
