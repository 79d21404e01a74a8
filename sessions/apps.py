from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramConfig(AppConfig):
    """The program of sessions. Its label is not "sessions": django.contrib.sessions owns that one."""

    name = "sessions"
    label = "program"
    verbose_name = _("Program")

    def ready(self) -> None:
        from sessions import signals  # noqa: F401 - connects the receivers
