import uuid
import zoneinfo
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.timezones import timezone_choices
from common.content import TranslatedContent, localized_columns
from common.validators import https_only
from events.enums import ConferenceFormat, ConferenceStatus, ParticipantRole


def default_public_roles() -> list[str]:
    return [ParticipantRole.DELEGATE.value, ParticipantRole.OBSERVER.value]


class ConferenceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ConferenceStatus.PUBLISHED)

    def public(self):
        """Published or archived: what the public may see."""
        return self.filter(status__in=[ConferenceStatus.PUBLISHED, ConferenceStatus.ARCHIVED])

    def upcoming(self, today: date):
        """Conferences that have not ended yet, soonest first."""
        return self.filter(ends_on__gte=today).order_by("starts_on", "title")

    def past(self, today: date):
        """Conferences that have ended, most recent first."""
        return self.filter(ends_on__lt=today).order_by("-starts_on", "title")


class Conference(TranslatedContent):
    TEXTS = ("title", "tagline", "description", "venue", "privacy_notice")

    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, lists, links.")
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    timezone = models.CharField(_("time zone"), max_length=64, choices=timezone_choices, default="UTC")
    format = models.CharField(
        _("format"), max_length=20, choices=ConferenceFormat.choices, default=ConferenceFormat.IN_PERSON
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    online_link = models.URLField(
        _("online meeting link"),
        blank=True,
        validators=[https_only],
        help_text=_(
            "For sessions whose room has no link of its own. Never shown on public pages or in mails: "
            "confirmed participants reach it through their personal join page."
        ),
    )
    join_opens_minutes = models.PositiveSmallIntegerField(
        _("join buttons open (minutes before)"),
        default=15,
        validators=[MaxValueValidator(24 * 60)],
        help_text=_("How long before a session starts its join button opens for participants."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    registration_requires_approval = models.BooleanField(_("registrations need approval"), default=False)
    public_roles = models.JSONField(
        _("roles open on the registration form"),
        default=default_public_roles,
        blank=True,
        help_text=_("The others (speaker, press, guest) are given by the organizers."),
    )
    privacy_notice = models.TextField(
        _("privacy notice"),
        blank=True,
        help_text=_(
            "Shown on the registration form: what is stored, who sees it, how to be forgotten. Empty: the "
            "site's standard notice."
        ),
    )
    delegations_close_at = models.DateTimeField(
        _("delegations close"),
        null=True,
        blank=True,
        help_text=_(
            "Until then, contacts add, change and withdraw their delegates. Empty: when registration closes."
        ),
    )
    participation_threshold = models.PositiveSmallIntegerField(
        _("smallest country count shown"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_(
            "On the public participation page, a country with fewer confirmed participants is named "
            "without its number and counted among the other countries, so that no one can be singled out."
        ),
    )
    mail_sender_name = models.CharField(
        _("sender name of its mails"),
        max_length=200,
        blank=True,
        help_text=_("Shown as the sender of every mail about the conference. Empty: its title."),
    )
    mail_reply_to = models.EmailField(
        _("reply address of its mails"),
        blank=True,
        help_text=_(
            "Where answers to the conference's mails go, for example the secretariat's address. Empty: "
            "answers are not received. The mails still leave from the site's own address."
        ),
    )
    working_languages = models.JSONField(_("working languages"), default=list, blank=True)
    interpretation_languages = models.JSONField(_("interpretation into"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ConferenceStatus.choices, default=ConferenceStatus.DRAFT
    )
    follows = models.ForeignKey(
        "self",
        verbose_name=_("follows the conference"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_by",
    )
    organizers = models.ManyToManyField(
        "events.Organization",
        through="events.ConferenceOrganizer",
        related_name="conferences",
        verbose_name=_("co-organizers"),
        blank=True,
    )
    # The calendar identity of the conference itself (in registrants' calendars): a stable UID, and
    # a SEQUENCE that grows when its dates or place change.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", *localized_columns(*TEXTS)])
    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="conference_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="conference_registration_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:conference-detail", kwargs={"slug": self.slug})

    def content_languages(self) -> list[str]:
        return list(self.working_languages or [])

    @property
    def mail_sender(self) -> str:
        """The name every mail about the conference is signed with."""
        return self.mail_sender_name or self.title

    @property
    def mail_reply_addresses(self) -> list[str]:
        return [self.mail_reply_to] if self.mail_reply_to else []

    def public_role_choices(self) -> list[tuple[str, str]]:
        """The roles a participant (or a delegation's contact) chooses from, as (value, label) in the
        order of ParticipantRole; the default ones if none of `public_roles` is a role (the conference
        form asks for at least one)."""
        roles = [(role.value, role.label) for role in ParticipantRole if role.value in self.public_roles]
        return roles or [(value, ParticipantRole(value).label) for value in default_public_roles()]

    @property
    def mail_language(self) -> str:
        """The language of mail to someone whose own is not known, and of the exports to a client that
        asks for none: the first working language the site is translated into, else the site's."""
        translated = [code for code in self.working_languages if code in dict(settings.LANGUAGES)]
        return translated[0] if translated else settings.LANGUAGE_CODE

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def is_published(self) -> bool:
        return self.status == ConferenceStatus.PUBLISHED

    @property
    def is_public(self) -> bool:
        return self.status in {ConferenceStatus.PUBLISHED, ConferenceStatus.ARCHIVED}

    @property
    def day_count(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class ConferenceOrganizer(models.Model):
    """A co-organizing organization of a conference, in the order the conference names them."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="co_organizers")
    organization = models.ForeignKey("events.Organization", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("co-organizer")
        verbose_name_plural = _("co-organizers")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "organization"], name="co_organizer_once_per_conference"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.conference})"
