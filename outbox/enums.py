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


class WebhookEvent(models.TextChoices):
    REGISTRATION_CREATED = "registration.created", _("A registration is made")
    REGISTRATION_CHANGED = "registration.changed", _("A registration changes (status, details, check-in)")
    REGISTRATION_CANCELLED = "registration.cancelled", _("A registration is cancelled")
    INVITATION_ANSWERED = "invitation.answered", _("An invitation is answered")
    SESSION_CHANGED = "session.changed", _("A session is added, changed, moved, cancelled or deleted")
