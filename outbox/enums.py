from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class CalendarMethod(models.TextChoices):
    NONE = "", _("No calendar")
    REQUEST = "REQUEST", _("Invitation or update")
    CANCEL = "CANCEL", _("Cancellation")
