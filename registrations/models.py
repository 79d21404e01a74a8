from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from events.enums import OrganizationKind
from registrations.enums import ParticipantRole, RegistrationStatus

# Registrations that hold a seat, or will once approved, and so stop a second one for the address.
ACTIVE = [RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]


class RegistrationQuerySet(models.QuerySet):
    """The states by name, so that apps below registrations (a conference's dashboard and capacity,
    a campaign's reminder) ask through `conference.registrations` without knowing the status values."""

    def active(self):
        return self.filter(status__in=ACTIVE)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def present(self):
        """Confirmed and checked in at the desk: the on-site count."""
        return self.confirmed().filter(checked_in_at__isnull=False)

    def waiting(self):
        return self.filter(status__in=[RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED])


class Registration(models.Model):
    """One person's registration for a conference. Its status says whether it holds a seat."""

    conference = models.ForeignKey(
        "events.Conference", on_delete=models.CASCADE, related_name="registrations"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"))
    organization = models.ForeignKey(
        "events.Organization",
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    # A new organization typed on the form stays here, out of the shared directory, until the team
    # accepts it (registrations.services.accept_proposed_organization).
    proposed_organization_name = models.CharField(
        _("organization (not in the directory)"), max_length=200, blank=True
    )
    proposed_organization_kind = models.CharField(
        _("kind of that organization"), max_length=20, choices=OrganizationKind.choices, blank=True
    )
    country = CountryField(_("country"))
    role = models.CharField(
        _("role"), max_length=10, choices=ParticipantRole.choices, default=ParticipantRole.DELEGATE
    )
    languages = models.JSONField(_("spoken languages"), default=list, blank=True)
    interpretation_needs = models.JSONField(_("interpretation into"), default=list, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    public_name = models.BooleanField(
        _("my name may appear in the public list of participants"), default=False
    )
    note = models.TextField(_("note to the organizers"), blank=True)
    language = models.CharField(_("language of the mails"), max_length=10)

    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    invitation = models.ForeignKey(
        "events.Invitation", on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    checked_in_at = models.DateTimeField(_("present since"), null=True, blank=True)
    # Its person asked to be forgotten: name, address and free text are gone; the row stays, as a count.
    forgotten_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)
    delegation = models.ForeignKey(
        "registrations.Delegation",
        verbose_name=_("delegation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegates",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "email"],
                condition=models.Q(status__in=ACTIVE),
                name="registration_active_once_per_address",
            )
        ]
        indexes = [models.Index(fields=["conference", "status", "created_at"], name="registration_queue")]

    def __str__(self) -> str:
        return f"{self.full_name} → {self.conference}"

    @property
    def organization_name(self) -> str:
        """The directory entry's name, else the name the participant typed (not in the directory)."""
        return self.organization.name if self.organization_id else self.proposed_organization_name

    @property
    def organization_kind_display(self) -> str:
        if self.organization_id:
            return self.organization.get_kind_display()
        return self.get_proposed_organization_kind_display() if self.proposed_organization_kind else ""

    @property
    def holds_seat(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED


class RegistrationLink(models.Model):
    """A personal link to view, change or cancel a registration without signing in. Only the token's
    hash is stored; each mail that needs the link carries a fresh one, and each works until some days
    after the conference (registrations.services.link_end)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration link")
        verbose_name_plural = _("registration links")

    def __str__(self) -> str:
        return f"{self.registration} ({self.created_at:%Y-%m-%d})"


class Delegation(models.Model):
    """An organization's delegation: a contact person registers its delegates, and adds, changes or
    withdraws them later from the delegation's own link. Each delegate is a registration of their own."""

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE, related_name="delegations")
    organization = models.ForeignKey(
        "events.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact's email"))
    language = models.CharField(_("language of the mails"), max_length=10)
    invitation = models.ForeignKey(
        "events.Invitation", on_delete=models.SET_NULL, null=True, blank=True, related_name="delegations"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["organization__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "organization"], name="delegation_once_per_organization"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} → {self.conference}"


class DelegationLink(models.Model):
    """The contact's link to a delegation, like a registration's personal link: only the token's hash."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delegation link")
        verbose_name_plural = _("delegation links")

    def __str__(self) -> str:
        return f"{self.delegation} ({self.created_at:%Y-%m-%d})"


class DelegationQuota(models.Model):
    """How many delegates an organization may register, or any organization of a kind. An organization's
    own quota comes before its kind's; without either, only the conference's capacity limits it."""

    conference = models.ForeignKey(
        "events.Conference", on_delete=models.CASCADE, related_name="delegation_quotas"
    )
    organization = models.ForeignKey(
        "events.Organization", verbose_name=_("organization"), on_delete=models.CASCADE, null=True, blank=True
    )
    organization_kind = models.CharField(
        _("kind of organization"), max_length=20, choices=OrganizationKind.choices, blank=True
    )
    seats = models.PositiveIntegerField(_("delegates at most"))

    class Meta:
        verbose_name = _("delegation quota")
        verbose_name_plural = _("delegation quotas")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(organization__isnull=False) & models.Q(organization_kind=""))
                | (models.Q(organization__isnull=True) & ~models.Q(organization_kind="")),
                name="quota_for_an_organization_or_a_kind",
            ),
            models.UniqueConstraint(
                fields=["conference", "organization"],
                condition=models.Q(organization__isnull=False),
                name="quota_once_per_organization",
            ),
            models.UniqueConstraint(
                fields=["conference", "organization_kind"],
                condition=models.Q(organization__isnull=True),
                name="quota_once_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization or self.get_organization_kind_display()}: {self.seats}"
