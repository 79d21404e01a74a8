import uuid

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from common.content import TranslatedContent, localized_columns
from common.validators import https_only
from program.enums import PersonRole, SessionKind, SessionStatus


class Room(TranslatedContent):
    TEXTS = ("name",)

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    online_link = models.URLField(
        _("online link"),
        blank=True,
        validators=[https_only],
        help_text=_("Its sessions are joined here unless a session has a link of its own."),
    )
    backstage_link = models.URLField(
        _("backstage link"),
        blank=True,
        validators=[https_only],
        help_text=_("Where speakers and chairs gather before going on; shown only to them and the team."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        # modeltranslation sorts by the name in the reader's language, which some rooms may lack.
        ordering = ["position", "name", "pk"]
        constraints = [models.UniqueConstraint(fields=["conference", "name"], name="room_name_once")]

    def __str__(self) -> str:
        return self.name


class Track(TranslatedContent):
    TEXTS = ("name",)

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("name"), max_length=100)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#a4161a",
        help_text=_("As #rrggbb."),
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give the colour as # and six hex digits."))],
    )

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["conference", "name"], name="track_name_once")]

    def __str__(self) -> str:
        return self.name


class Session(TranslatedContent):
    """One item of the program. Its UID stays; its SEQUENCE grows when time, room or status change."""

    TEXTS = ("title", "abstract")

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=SessionKind.choices, default=SessionKind.PLENARY
    )
    abstract = models.TextField(_("abstract"), blank=True, help_text=_("Markdown."))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.PROTECT, null=True, blank=True, related_name="sessions"
    )
    track = models.ForeignKey(
        Track,
        verbose_name=_("track"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    interpretation_languages = models.JSONField(_("interpretation into"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    online_link = models.URLField(
        _("online link"), blank=True, validators=[https_only], help_text=_("Empty: the room's link.")
    )
    backstage_link = models.URLField(
        _("backstage link"),
        blank=True,
        validators=[https_only],
        help_text=_("Empty: the room's backstage link."),
    )
    recording_url = models.URLField(_("recording"), blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", *localized_columns(*TEXTS)])

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "room__position", "pk"]
        indexes = [models.Index(fields=["conference", "starts_at"], name="session_by_time")]

    def __str__(self) -> str:
        return self.title

    def get_kind_display(self) -> str:
        # In place of Django's, which hashes every choice's lazy label (a gettext each) on each call: the
        # program and its feed ask it of thousands of sessions.
        return SessionKind(self.kind).label if self.kind in SessionKind.values else self.kind

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED


class InterpretationChannel(models.Model):
    """Where a session is heard in one interpretation language, when that is a link of its own."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="channels")
    language = models.CharField(_("language"), max_length=10)
    link = models.URLField(_("link"), validators=[https_only])

    class Meta:
        verbose_name = _("interpretation channel")
        verbose_name_plural = _("interpretation channels")
        ordering = ["language"]
        constraints = [models.UniqueConstraint(fields=["session", "language"], name="channel_language_once")]

    def __str__(self) -> str:
        return f"{self.session} ({self.language})"


class SessionPerson(models.Model):
    """A speaker or the chair of a session, with their organization and country."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=200)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    role = models.CharField(_("role"), max_length=10, choices=PersonRole.choices, default=PersonRole.SPEAKER)
    email = models.EmailField(_("email"), blank=True, help_text=_("For calendar updates; never shown."))
    registration = models.ForeignKey(
        "registrations.Registration",
        verbose_name=_("registration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="session_roles",
        help_text=_("Found by the email address among the conference's registrations."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("session speaker or chair")
        verbose_name_plural = _("session speakers and chairs")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class SessionMaterial(models.Model):
    """Slides, papers or a link that go with a session: either a checked file or an address."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="materials/", blank=True, max_length=200)
    file_kind = models.CharField(max_length=10, blank=True, editable=False)
    file_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=10, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("session material")
        verbose_name_plural = _("session materials")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(url="") & ~models.Q(file="")) | (~models.Q(url="") & models.Q(file="")),
                name="material_link_or_file",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Star(models.Model):
    """A signed-in person follows a session: it is in their agenda feed, and they hear when it moves."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="stars")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="stars")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("starred session")
        verbose_name_plural = _("starred sessions")
        constraints = [models.UniqueConstraint(fields=["user", "session"], name="star_once")]

    def __str__(self) -> str:
        return f"{self.user} ★ {self.session}"


class AgendaKey(models.Model):
    """The secret part of a person's agenda feed address. Only this salt is stored: the address is
    signed with the site's key, and a new salt revokes every earlier address."""

    user = models.OneToOneField("accounts.User", on_delete=models.CASCADE, related_name="agenda_key")
    salt = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agenda feed key")
        verbose_name_plural = _("agenda feed keys")

    def __str__(self) -> str:
        return str(self.user)
