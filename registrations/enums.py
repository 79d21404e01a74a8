from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# A registration's role is named by the conference below (Conference.public_roles): the enum lives in
# events.enums, and is here too, with the app's other choices.
from events.enums import ParticipantRole

__all__ = ["ParticipantRole", "RegistrationStatus"]


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", _("Not accepted")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")
