from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Attendance(models.Model):
    """Someone went through a session's join button: a participant by their registration, or a member
    of the team or a speaker by their account. One row per person and session; `joins` counts the clicks."""

    session = models.ForeignKey("program.Session", on_delete=models.CASCADE, related_name="attendances")
    registration = models.ForeignKey(
        "registrations.Registration",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attendances",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="attendances"
    )
    first_joined_at = models.DateTimeField(_("first joined"))
    last_joined_at = models.DateTimeField(_("last joined"))
    joins = models.PositiveIntegerField(_("times joined"), default=1)
    last_channel = models.CharField(_("by"), max_length=12, blank=True)

    class Meta:
        verbose_name = _("online attendance")
        verbose_name_plural = _("online attendance")
        constraints = [
            models.CheckConstraint(
                condition=Q(registration__isnull=False) | Q(user__isnull=False), name="attendance_has_someone"
            ),
            models.UniqueConstraint(
                fields=["session", "registration"],
                condition=Q(registration__isnull=False),
                name="attendance_once_per_registration",
            ),
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(registration__isnull=True),
                name="attendance_once_per_account",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration or self.user} → {self.session}"
