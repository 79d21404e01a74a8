import re
import unicodedata

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from events.enums import OrganizationKind, ProposalStatus


def normalize_name(name: str) -> str:
    """The form under which two spellings of one organization's name compare equal.

    Case, accents, punctuation and spacing are ignored: "Partido  dos Trabalhadores"
    and "partido dos trabalhadores." are the same organization in the same country.
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    without_marks = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = re.sub(r"[\W_]+", " ", without_marks)
    return " ".join(words.split())


class OrganizationQuerySet(models.QuerySet):
    def search(self, text: str):
        normalized = normalize_name(text)
        if not normalized:
            return self
        return self.filter(normalized_name__contains=normalized)


class Organization(models.Model):
    """A party, organization, movement, union, journal, network or centre, or "independent"."""

    name = models.CharField(_("name"), max_length=200)
    normalized_name = models.CharField(max_length=200, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    country = CountryField(_("country"), blank=True, help_text=_("Empty for international bodies."))
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # The conference whose team added the entry: that team may change it while no other relies on it.
    # Empty for entries that site staff added (or that existed before this was recorded).
    created_by_conference = models.ForeignKey(
        "events.Conference",
        verbose_name=_("added by the team of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_organizations",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "normalized_name"])
    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["normalized_name", "country"], name="organization_unique_per_country"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.code})" if self.country else self.name

    def save(self, *args, **kwargs) -> None:
        self.normalized_name = normalize_name(self.name)
        super().save(*args, **kwargs)


class OrganizationChangeProposal(models.Model):
    """A change to a directory entry that an organizer may not make alone (another team relies on the
    entry, or another team added it): site staff accept it, which applies it, or refuse it."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="proposals"
    )
    changes = models.JSONField(_("proposed values"), default=dict)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.SET_NULL, null=True,
        related_name="+",
    )  # fmt: skip
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposed directory change")
        verbose_name_plural = _("proposed directory changes")
        ordering = ["proposed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.organization} ({self.proposed_at:%Y-%m-%d})"
