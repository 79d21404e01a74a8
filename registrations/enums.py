from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", _("Not accepted")
    CANCELLED = "cancelled", _("Cancelled")


class ParticipantRole(models.TextChoices):
    DELEGATE = "delegate", _("Delegate")
    OBSERVER = "observer", _("Observer")
    SPEAKER = "speaker", _("Speaker")
    PRESS = "press", _("Press")


# The roles a participant (or a delegation's contact) chooses; the others carry trust, and the
# organizers give them.
PUBLIC_ROLES = (ParticipantRole.DELEGATE, ParticipantRole.OBSERVER)
