from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from events.enums import RecipientSource


class Campaign(models.Model):
    """A mailing of invitations: a list of recipients, one message per language, reminders."""

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE, related_name="campaigns")
    name = models.CharField(_("name"), max_length=200, help_text=_("For the team only, e.g. “First call”."))
    default_language = models.CharField(
        _("default language"),
        max_length=10,
        help_text=_("Recipients whose language has no message of its own get this one."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation campaign")
        verbose_name_plural = _("invitation campaigns")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def outbox_batch(self) -> str:
        """The label of every mail of the campaign in the outbox, to follow and retry them together."""
        return f"campaign:{self.pk}"


class CampaignMessage(models.Model):
    """The text of the invitation in one language, with placeholders such as {name} and {link}."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="messages")
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("campaign message")
        verbose_name_plural = _("campaign messages")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "language"], name="campaign_message_once_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign} [{self.language}]"


class CampaignRecipient(models.Model):
    """Someone the campaign will invite. Sending turns each into an Invitation (one per address)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recipients")
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=200)
    organization = models.ForeignKey(
        "events.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organization_name = models.CharField(_("organization"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    language = models.CharField(_("language"), max_length=10)
    source = models.CharField(_("source"), max_length=10, choices=RecipientSource.choices)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign recipient")
        verbose_name_plural = _("campaign recipients")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "email"], name="campaign_recipient_once_per_address")
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class CampaignReminder(models.Model):
    """A reminder to those who have not answered, due at a time. Celery beat sends it when due:
    the date lives here, not in a Celery countdown, so that no broker redelivery can lose or repeat it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders")
    due_at = models.DateTimeField(_("due"))
    sent_at = models.DateTimeField(pgettext_lazy("date when it was sent", "sent"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign reminder")
        verbose_name_plural = _("campaign reminders")
        ordering = ["due_at"]
        indexes = [models.Index(fields=["sent_at", "due_at"], name="campaign_reminder_due")]

    def __str__(self) -> str:
        return f"{self.campaign} @ {self.due_at:%Y-%m-%d %H:%M}"
