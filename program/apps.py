from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramConfig(AppConfig):
    """The program of sessions: rooms, tracks, sessions and their people, the timetable and its exports."""

    name = "program"
    verbose_name = _("Program")

    def ready(self) -> None:
        from program import signals  # noqa: F401 - connects the receivers
