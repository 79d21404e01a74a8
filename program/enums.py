from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SessionKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    PANEL = "panel", _("Panel")
    WORKSHOP = "workshop", _("Workshop")
    WORKING_GROUP = "working_group", _("Working group")
    MEETING = "meeting", _("Meeting")
    BREAK = "break", _("Break")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("session status", "Scheduled")
    CANCELLED = "cancelled", pgettext_lazy("session status", "Cancelled")


class PersonRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    CHAIR = "chair", _("Chair")
