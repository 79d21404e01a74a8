import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.content import TranslatedContent, localized_columns
from common.validators import https_only
from events.enums import MeetingStatus


class PreparatoryMeeting(TranslatedContent):
    """A meeting of the organizers before the conference; one of them decides to call it."""

    TEXTS = ("title", "agenda")

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online meeting link"), blank=True, validators=[https_only])
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."))
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    decisions = models.TextField(_("decisions"), blank=True, help_text=_("Markdown."))
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    # The calendar identity: a stable UID, and a SEQUENCE that grows when time, place or status change.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", *localized_columns(*TEXTS)])

    class Meta:
        verbose_name = _("preparatory meeting")
        verbose_name_plural = _("preparatory meetings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title


class MeetingParticipant(models.Model):
    """Someone invited to a preparatory meeting: a team member or a person of a co-organizing body."""

    meeting = models.ForeignKey(PreparatoryMeeting, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    organization = models.ForeignKey(
        "events.Organization",
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    # The language of the meeting's mails to someone without an account (one with an account gets them
    # in their own); empty for those invited before it was asked: the conference's mail language.
    language = models.CharField(_("language of the mails"), max_length=10, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting participant")
        verbose_name_plural = _("meeting participants")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "email"], name="participant_once_per_meeting")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def mail_language(self) -> str:
        """The language the meeting's mails to this person are in: their account's, else the one they
        were invited in, else the conference's."""
        own = self.user.language if self.user_id and self.user else ""
        return own or self.language or self.meeting.conference.mail_language
