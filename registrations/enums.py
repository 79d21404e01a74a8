from django.db import models
from django.utils.translation import gettext_lazy as _

# A registration's role is named by the conference below (Conference.public_roles): the enum lives in
# events.enums, and is here too, with the app's other choices.
from events.enums import ParticipantRole

__all__ = ["ParticipantRole", "RegistrationStatus"]


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", _("Not accepted")
    CANCELLED = "cancelled", _("Cancelled")
