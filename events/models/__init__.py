from events.models.campaign import Campaign, CampaignMessage, CampaignRecipient, CampaignReminder
from events.models.conference import Conference, ConferenceOrganizer, ConferenceQuerySet
from events.models.invitation import Invitation, InvitationLink, hash_token
from events.models.meeting import MeetingParticipant, PreparatoryMeeting
from events.models.organization import (
    Organization,
    OrganizationChangeProposal,
    OrganizationQuerySet,
    normalize_name,
)
from events.models.team import ConferenceMembership

__all__ = [
    "Campaign",
    "CampaignMessage",
    "CampaignRecipient",
    "CampaignReminder",
    "Conference",
    "ConferenceMembership",
    "ConferenceOrganizer",
    "ConferenceQuerySet",
    "Invitation",
    "InvitationLink",
    "MeetingParticipant",
    "Organization",
    "OrganizationChangeProposal",
    "OrganizationQuerySet",
    "PreparatoryMeeting",
    "hash_token",
    "normalize_name",
]
