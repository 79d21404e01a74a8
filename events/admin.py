from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from events.models import (
    Campaign,
    CampaignMessage,
    CampaignRecipient,
    CampaignReminder,
    Conference,
    ConferenceMembership,
    ConferenceOrganizer,
    Invitation,
    InvitationLink,
    MeetingParticipant,
    Organization,
    OrganizationChangeProposal,
    PreparatoryMeeting,
)
from events.services.organizations import accept_proposal, refuse_proposal


class CoOrganizerInline(admin.TabularInline):
    model = ConferenceOrganizer
    autocomplete_fields = ["organization"]
    extra = 0


class MembershipInline(admin.TabularInline):
    model = ConferenceMembership
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Conference)
class ConferenceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "slug", "starts_on", "ends_on", "timezone", "format", "status"]
    list_filter = ["status", "format", "starts_on"]
    search_fields = ["title", "slug", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_on"
    autocomplete_fields = ["follows"]
    inlines = [CoOrganizerInline, MembershipInline]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "contact_email", "website", "created_by_conference"]
    list_filter = ["kind", "country"]
    autocomplete_fields = ["created_by_conference"]
    search_fields = ["name", "normalized_name", "contact_email"]


@admin.register(OrganizationChangeProposal)
class OrganizationChangeProposalAdmin(admin.ModelAdmin):
    """Changes proposed by organizers who may not edit the entry: accepting applies them (in the entry's
    history under the accepting staff member's name)."""

    list_display = ["organization", "changes", "proposed_by", "proposed_at", "status", "decided_by"]
    list_filter = ["status"]
    search_fields = ["organization__name", "proposed_by__email"]
    readonly_fields = [
        "organization",
        "changes",
        "proposed_by",
        "proposed_at",
        "status",
        "decided_by",
        "decided_at",
    ]
    actions = ["accept", "refuse"]

    def has_add_permission(self, request) -> bool:
        return False

    def _decide(self, request, queryset, decide) -> None:
        for proposal in queryset:
            try:
                decide(proposal, decided_by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{proposal}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"{proposal}: {_('done')}", messages.SUCCESS)

    @admin.action(description=_("Accept the selected proposals (apply the changes)"))
    def accept(self, request, queryset) -> None:
        self._decide(request, queryset, accept_proposal)

    @admin.action(description=_("Refuse the selected proposals"))
    def refuse(self, request, queryset) -> None:
        self._decide(request, queryset, refuse_proposal)


@admin.register(ConferenceMembership)
class ConferenceMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "conference", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name", "conference__title"]
    autocomplete_fields = ["user", "conference"]


class ParticipantInline(admin.TabularInline):
    model = MeetingParticipant
    autocomplete_fields = ["organization", "user"]
    extra = 0


@admin.register(PreparatoryMeeting)
class PreparatoryMeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "conference", "starts_at", "status", "sequence"]
    list_filter = ["status", "starts_at"]
    search_fields = ["title", "conference__title", "place"]
    autocomplete_fields = ["conference"]
    readonly_fields = ["uid", "sequence"]
    inlines = [ParticipantInline]


@admin.register(MeetingParticipant)
class MeetingParticipantAdmin(SimpleHistoryAdmin):
    list_display = ["name", "email", "meeting", "organization", "attended"]
    list_filter = ["attended"]
    search_fields = ["name", "email", "meeting__title"]
    autocomplete_fields = ["meeting", "organization", "user"]


@admin.register(ConferenceOrganizer)
class ConferenceOrganizerAdmin(SimpleHistoryAdmin):
    list_display = ["organization", "conference", "position"]
    search_fields = ["organization__name", "conference__title"]
    autocomplete_fields = ["organization", "conference"]


class InvitationLinkInline(admin.TabularInline):
    """Links are shown by date only: their hashes are of no use to anyone reading the admin."""

    model = InvitationLink
    fields = ["created_at"]
    readonly_fields = ["created_at"]
    extra = 0


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["email", "name", "conference", "organization", "country", "answer", "answered_at"]
    list_filter = ["answer", "language", "country"]
    search_fields = ["email", "name", "conference__title", "organization__name"]
    autocomplete_fields = ["conference", "organization"]
    readonly_fields = ["campaign", "expires_at", "answered_at"]
    inlines = [InvitationLinkInline]


class CampaignMessageInline(admin.StackedInline):
    model = CampaignMessage
    extra = 0


class CampaignReminderInline(admin.TabularInline):
    model = CampaignReminder
    readonly_fields = ["sent_at", "recipient_count", "created_by"]
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "conference", "default_language", "created_at", "last_sent_at"]
    search_fields = ["name", "conference__title"]
    autocomplete_fields = ["conference"]
    readonly_fields = ["created_by", "last_sent_at"]
    inlines = [CampaignMessageInline, CampaignReminderInline]


@admin.register(CampaignRecipient)
class CampaignRecipientAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "organization_name", "country", "language", "campaign", "source"]
    list_filter = ["source", "language"]
    search_fields = ["email", "name", "organization_name", "campaign__name"]
    autocomplete_fields = ["organization"]
    raw_id_fields = ["campaign"]


admin.site.register(InvitationLink, readonly_fields=["invitation", "token_hash", "created_at"])
admin.site.register(CampaignMessage, list_display=["campaign", "language", "subject"])
admin.site.register(CampaignReminder, list_display=["campaign", "due_at", "sent_at", "recipient_count"])
