from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.validators import https_only


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


class BigBlueButtonServer(models.Model):
    """A conference that runs its sessions on BigBlueButton: each session is a meeting created on this
    server through its API, and each person enters by a join address signed for them alone. Without
    it, the conference's sessions use the plain links stored on them (Jitsi, Zoom, any address)."""

    conference = models.OneToOneField(
        "events.Conference", on_delete=models.CASCADE, related_name="bigbluebutton_server"
    )
    api_url = models.URLField(
        _("API address"),
        validators=[https_only],
        help_text=_("The server's API address, ending in /bigbluebutton/api/ (see `bbb-conf --secret`)."),
    )
    secret = models.CharField(_("shared secret"), max_length=200)
    enabled = models.BooleanField(_("use it for the sessions"), default=True)

    class Meta:
        verbose_name = _("BigBlueButton server")
        verbose_name_plural = _("BigBlueButton servers")

    def __str__(self) -> str:
        return self.api_url


class StartReminder(models.Model):
    """A mail to every confirmed participant some time before the conference's first session, with
    their join page. The beat sweep sends it once its time has come (online.services.send_due_reminders)."""

    conference = models.ForeignKey(
        "events.Conference", on_delete=models.CASCADE, related_name="start_reminders"
    )
    minutes_before = models.PositiveIntegerField(_("minutes before the start"))
    sent_at = models.DateTimeField(pgettext_lazy("date when it was sent", "sent"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("reminder before the start")
        verbose_name_plural = _("reminders before the start")
        ordering = ["-minutes_before"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "minutes_before"], name="start_reminder_once"),
            models.CheckConstraint(
                condition=Q(minutes_before__gte=5), name="start_reminder_at_least_5_minutes"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conference}: {self.minutes_before} min"
