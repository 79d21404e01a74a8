import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from events.enums import InvitationAnswer


def hash_token(token: str) -> str:
    """Only this digest is stored: a leaked database gives no working invitation link."""
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An invitation to a conference for one address, answered through a personal link."""

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    organization = models.ForeignKey(
        "events.Organization",
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    country = CountryField(_("country"), blank=True)
    language = models.CharField(_("language"), max_length=10)
    campaign = models.ForeignKey(
        "events.Campaign", on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations"
    )
    answer = models.CharField(
        _("answer"), max_length=10, choices=InvitationAnswer.choices, default=InvitationAnswer.PENDING
    )
    answer_message = models.TextField(_("message with the answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "email"], name="invitation_once_per_address")
        ]

    def __str__(self) -> str:
        return f"{self.name or self.email} → {self.conference}"


class InvitationLink(models.Model):
    """One personal link to an invitation. A reminder carries a new link, since the earlier token
    is not stored; every link of the invitation keeps working until it expires."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation link")
        verbose_name_plural = _("invitation links")

    def __str__(self) -> str:
        return f"{self.invitation} ({self.created_at:%Y-%m-%d})"
