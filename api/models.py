from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from api.enums import TokenScope


class ApiToken(models.Model):
    """A personal API token: its holder's rights on their conferences, narrowed to reading and to one
    conference if its holder chose so. Only a hash of the secret is kept; the secret is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("access"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ)
    conference = models.ForeignKey(
        "events.Conference",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("conference"),
        help_text=_("Empty: every conference of yours."),
    )
    prefix = models.CharField(max_length=16, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def may_write(self) -> bool:
        return self.scope == TokenScope.WRITE
