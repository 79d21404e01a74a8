from django.db import models
from django.utils.translation import gettext_lazy as _


class Statement(models.Model):
    """A short text the conference issues, in one language; translations point at their original."""

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE, related_name="statements")
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), help_text=_("Markdown."))
    language = models.CharField(_("language"), max_length=10)
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="translations",
    )
    published_on = models.DateField(
        _("published on"), null=True, blank=True, help_text=_("Left empty, the statement is not public.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["-published_on", "title", "pk"]

    def __str__(self) -> str:
        return self.title
