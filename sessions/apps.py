from django.apps import AppConfig


class ProgramConfig(AppConfig):
    """The program of sessions. Its label is not "sessions": django.contrib.sessions owns that one."""

    name = "sessions"
    label = "program"
    verbose_name = "Program"
