from events.models.conference import Conference, ConferenceOrganizer, ConferenceQuerySet
from events.models.invitation import Invitation, hash_token
from events.models.meeting import MeetingParticipant, PreparatoryMeeting
from events.models.organization import Organization, OrganizationQuerySet, normalize_name
from events.models.team import ConferenceMembership

__all__ = [
    "Conference",
    "ConferenceMembership",
    "ConferenceOrganizer",
    "ConferenceQuerySet",
    "Invitation",
    "MeetingParticipant",
    "Organization",
    "OrganizationQuerySet",
    "PreparatoryMeeting",
    "hash_token",
    "normalize_name",
]
