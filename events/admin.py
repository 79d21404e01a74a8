from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from events.models import (
    Conference,
    ConferenceMembership,
    ConferenceOrganizer,
    Invitation,
    MeetingParticipant,
    Organization,
    PreparatoryMeeting,
)


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
    list_display = ["name", "kind", "country", "contact_email", "website"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "normalized_name", "contact_email"]


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


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["email", "name", "conference", "organization", "country", "answer", "answered_at"]
    list_filter = ["answer", "language", "country"]
    search_fields = ["email", "name", "conference__title", "organization__name"]
    autocomplete_fields = ["conference", "organization"]
    readonly_fields = ["token_hash", "expires_at", "answered_at"]
