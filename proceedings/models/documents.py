from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from proceedings.enums import DocumentStatus


class Document(models.Model):
    """A written document submitted to the conference: public once the organizers publish it."""

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    authors = models.CharField(_("authors"), max_length=300)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    language = models.CharField(_("language"), max_length=10)
    abstract = models.TextField(_("abstract"), blank=True, help_text=_("Markdown."))
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.SUBMITTED
    )
    review_note = models.TextField(_("note to the submitter"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_documents",
    )
    submitter_email = models.EmailField(_("submitter's email"), blank=True)
    published_at = models.DateTimeField(
        pgettext_lazy("date of publication", "published"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["conference", "status"], name="document_by_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == DocumentStatus.PUBLISHED


class DocumentFile(models.Model):
    """The document's file in one language: the original, or a translation shown beside it."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=10)
    is_original = models.BooleanField(_("original"), default=False)
    file = models.FileField(_("file"), upload_to="documents/", max_length=200)
    file_kind = models.CharField(max_length=10, editable=False)
    file_size = models.PositiveIntegerField(editable=False)
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        ordering = ["-is_original", "language"]
        constraints = [
            models.UniqueConstraint(fields=["document", "language"], name="document_file_per_language"),
            models.UniqueConstraint(
                fields=["document"], condition=models.Q(is_original=True), name="document_one_original"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} ({self.language})"
