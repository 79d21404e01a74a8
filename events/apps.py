from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Conferences"

    def ready(self) -> None:
        from events.models import Invitation
        from events.services.invitations import fresh_link_token
        from outbox.links import register_link_maker

        register_link_maker(Invitation, fresh_link_token)
