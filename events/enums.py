from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ConferenceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", pgettext_lazy("conference status", "Published")
    ARCHIVED = "archived", _("Archived")


class ConferenceFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class OrganizationKind(models.TextChoices):
    PARTY = "party", _("Party")
    ORGANIZATION = "organization", _("Organization")
    MOVEMENT = "movement", _("Movement")
    TRADE_UNION = "trade_union", _("Trade union")
    JOURNAL = "journal", _("Journal")
    NETWORK = "network", _("Network")
    CENTRE = "centre", _("Centre")
    INDEPENDENT = "independent", _("Independent")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the site's staff")
    # The same English word answers an invitation; a proposal's state may be worded otherwise.
    ACCEPTED = "accepted", pgettext_lazy("organization change proposal", "Accepted")
    REFUSED = "refused", _("Refused")


class ParticipantRole(models.TextChoices):
    """A registration's role. It lives here, below registrations, because a conference names the roles
    its public form offers (Conference.public_roles) and the conference form lists them; the others
    carry trust and are given by the organizers."""

    DELEGATE = "delegate", _("Delegate")
    OBSERVER = "observer", _("Observer")
    SPEAKER = "speaker", _("Speaker")
    PRESS = "press", _("Press")
    GUEST = "guest", _("Guest")


class TeamRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    ORGANIZER = "organizer", _("Organizer")
    VIEWER = "viewer", _("Viewer")


class TeamNews(models.TextChoices):
    """How a team member hears of registrations, cancellations, waiting-list moves and invitation answers."""

    DAILY = "daily", _("A daily digest")
    IMMEDIATE = "immediate", _("A mail for each")
    NONE = "none", _("No mail")


class NewsKind(models.TextChoices):
    """What a team member is told of: the daily digest's sections, and what a mail for each tells."""

    REGISTERED = "registered", _("New registrations")
    CANCELLED = "cancelled", _("Cancellations")
    PROMOTED = "promoted", _("From the waiting list to a seat")
    WAITLISTED = "waitlisted", _("To the waiting list")
    FORGOTTEN = "forgotten", _("Personal data deleted on request")
    ANSWERED = "answered", _("Invitation answers")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("meeting status", "Scheduled")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")


class InvitationAnswer(models.TextChoices):
    """Where an invitation stands; the invitee chooses among the answers in their own words
    (events.forms.invitations.AnswerForm)."""

    PENDING = "pending", _("Not answered")
    ACCEPTED = "accepted", pgettext_lazy("invitation answer, as a state", "Accepted")
    DECLINED = "declined", pgettext_lazy("invitation answer, as a state", "Declined")
    MAYBE = "maybe", pgettext_lazy("invitation answer, as a state", "Maybe")


class RecipientSource(models.TextChoices):
    DIRECTORY = "directory", _("Directory")
    UPLOAD = "upload", _("Uploaded list")
