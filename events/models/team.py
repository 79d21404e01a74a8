from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from events.enums import TeamNews, TeamRole


class ConferenceMembership(models.Model):
    """A person on a conference's organizing team, with a role."""

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices, default=TeamRole.ORGANIZER)
    news = models.CharField(
        _("news of registrations"), max_length=10, choices=TeamNews.choices, default=TeamNews.DAILY
    )
    # The daily digest's bookkeeping: what happened up to this moment has been told.
    news_told_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["conference", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "user"], name="membership_once_per_conference")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.conference})"
