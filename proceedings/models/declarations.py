"""A declaration is drafted in numbered paragraphs, amended paragraph by paragraph, and adopted.

Paragraphs are kept as JSON lists of {"key": int, "text": markdown}. The key stays with a
paragraph from version to version (its number may change), so an amendment keeps pointing at the
paragraph it was written for, and knows when a later version removed it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from proceedings.enums import AmendmentKind, AmendmentOutcome, DeclarationStatus


class Tally(models.Model):
    """How a vote went: counted, or by consensus."""

    votes_for = models.PositiveIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("against"), null=True, blank=True)
    abstentions = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    by_consensus = models.BooleanField(_("by consensus"), default=False)
    tally_note = models.CharField(
        _("in words"), max_length=200, blank=True, help_text=_("For example: an overwhelming majority.")
    )

    class Meta:
        abstract = True

    @property
    def has_tally(self) -> bool:
        counted = any(value is not None for value in (self.votes_for, self.votes_against, self.abstentions))
        return self.by_consensus or counted or bool(self.tally_note)


class Declaration(Tally):
    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE, related_name="declarations")
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("original language"), max_length=10)
    based_on = models.ForeignKey(
        "proceedings.Document",
        verbose_name=_("based on"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="declarations",
        help_text=_("The report the draft was written from, if any."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeclarationStatus.choices, default=DeclarationStatus.DRAFT
    )
    amendments_open_at = models.DateTimeField(_("amendments open"), null=True, blank=True)
    amendments_close_at = models.DateTimeField(_("amendments close"), null=True, blank=True)
    decided_at = models.DateTimeField(_("final vote"), null=True, blank=True)
    is_published = models.BooleanField(pgettext_lazy("a declaration", "published"), default=False)
    next_key = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "next_key"])

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class DeclarationVersion(models.Model):
    """One state of the text in its original language. Versions are never changed, only added."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    paragraphs = models.JSONField(default=list)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("declaration version")
        verbose_name_plural = _("declaration versions")
        ordering = ["declaration", "number"]
        constraints = [
            models.UniqueConstraint(fields=["declaration", "number"], name="declaration_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.declaration} v{self.number}"


class DeclarationTranslation(models.Model):
    """The text of one version in another language, paragraph for paragraph."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="translations")
    version = models.ForeignKey(DeclarationVersion, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=300)
    paragraphs = models.JSONField(default=list)
    is_published = models.BooleanField(
        pgettext_lazy("a translation of a declaration", "published"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("declaration translation")
        verbose_name_plural = _("declaration translations")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["declaration", "language"], name="declaration_translation_once")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class Amendment(Tally):
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="amendments")
    paragraph_key = models.PositiveIntegerField()
    paragraph_number = models.PositiveIntegerField(_("paragraph"), help_text=_("Its number when proposed."))
    base_version = models.ForeignKey(
        DeclarationVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("change"), max_length=10, choices=AmendmentKind.choices)
    text = models.TextField(_("proposed text"), blank=True, help_text=_("Markdown."))
    rationale = models.TextField(_("rationale"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="amendments"
    )
    proposer_name = models.CharField(_("proposed by"), max_length=200)
    organization = models.CharField(_("on behalf of"), max_length=200, blank=True)
    group = models.CharField(_("group"), max_length=100, blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=AmendmentOutcome.choices, default=AmendmentOutcome.PENDING
    )
    adopted_text = models.TextField(
        _("text as adopted"), blank=True, help_text=_("For “adopted as modified”.")
    )
    applied_in = models.ForeignKey(
        DeclarationVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applied_amendments",
    )
    carried_from = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["group", "position", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} §{self.paragraph_number} ({self.proposer_name})"

    @property
    def is_decided(self) -> bool:
        return self.outcome != AmendmentOutcome.PENDING
