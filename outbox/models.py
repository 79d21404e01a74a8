import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from outbox.enums import CalendarMethod, MessageStatus, WebhookEvent


class OutboxMessageQuerySet(models.QuerySet):
    def due(self, now=None):
        """Queued rows whose next attempt has come."""
        return self.filter(status=MessageStatus.QUEUED, next_attempt_at__lte=now or timezone.now())


class OutboxMessage(models.Model):
    """One mail, written in the same transaction as the change it tells about, delivered later.

    The row is the truth: a worker sends it only after taking it from QUEUED to SENDING under a
    row lock, so that a redelivered task finds it taken and sends nothing.
    """

    idempotency_key = models.CharField(max_length=200, unique=True)
    recipient = models.EmailField(_("recipient"))
    recipient_name = models.CharField(_("recipient's name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10)
    sender_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    calendar_method = models.CharField(
        max_length=10, choices=CalendarMethod.choices, default=CalendarMethod.NONE, blank=True
    )
    calendar = models.TextField(_("calendar (iCalendar)"), blank=True)
    message_id = models.CharField(max_length=200, unique=True, editable=False)
    # Secrets in the body (an invitation's token) that are blanked once the mail is sent.
    redactions = models.JSONField(default=list, blank=True, editable=False)
    # A mail the worker writes before sending it: the name of its renderer (outbox.rendering), and what
    # that needs besides the row the mail is about (a reason, a personal link's token); both emptied
    # once the subject and text are written.
    render_with = models.CharField(max_length=100, blank=True, editable=False)
    render_arguments = models.JSONField(default=dict, blank=True, editable=False)
    # Mails sent together (a campaign's invitations and reminders), followed and retried together.
    batch = models.CharField(max_length=100, blank=True, db_index=True, editable=False)

    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(pgettext_lazy("date when it was sent", "sent"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    conference = models.ForeignKey(
        "events.Conference", on_delete=models.SET_NULL, null=True, blank=True, related_name="outbox_messages"
    )
    about_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True)
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient} ({self.get_status_display()})"

    @staticmethod
    def new_message_id(domain: str) -> str:
        return f"<{uuid.uuid4().hex}@{domain}>"


class Webhook(models.Model):
    """A URL of another tool that is told of a conference's events, each POST signed with `secret`."""

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(_("address"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(max_length=64, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event for one webhook: written with the change it tells of, posted later by a worker, retried
    with the mail's backoff. `event_id` is the same on every attempt, so that a receiver can drop a
    repeat."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(_("event"), max_length=40, choices=WebhookEvent.choices)
    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    payload = models.JSONField()
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("last answer"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(pgettext_lazy("date when it was sent", "sent"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due")]

    def __str__(self) -> str:
        return f"{self.event} → {self.webhook.url} ({self.get_status_display()})"
