import zoneinfo
from datetime import date

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.timezones import timezone_choices
from events.enums import ConferenceStatus


class ConferenceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ConferenceStatus.PUBLISHED)

    def upcoming(self, today: date):
        """Conferences that have not ended yet, soonest first."""
        return self.filter(ends_on__gte=today).order_by("starts_on", "title")

    def past(self, today: date):
        """Conferences that have ended, most recent first."""
        return self.filter(ends_on__lt=today).order_by("-starts_on", "title")


class Conference(models.Model):
    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    timezone = models.CharField(_("time zone"), max_length=64, choices=timezone_choices, default="UTC")
    status = models.CharField(
        _("status"), max_length=20, choices=ConferenceStatus.choices, default=ConferenceStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="conference_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:conference-detail", kwargs={"slug": self.slug})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def is_published(self) -> bool:
        return self.status == ConferenceStatus.PUBLISHED

    @property
    def day_count(self) -> int:
        return (self.ends_on - self.starts_on).days + 1
