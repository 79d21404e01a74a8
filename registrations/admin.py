from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from registrations.models import Delegation, DelegationLink, DelegationQuota, Registration, RegistrationLink


class RegistrationLinkInline(admin.TabularInline):
    """Links are shown by date only: their hashes are of no use to anyone reading the admin."""

    model = RegistrationLink
    fields = ["created_at"]
    readonly_fields = ["created_at"]
    extra = 0


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = [
        "full_name",
        "email",
        "conference",
        "organization",
        "country",
        "role",
        "status",
        "created_at",
    ]
    list_filter = ["status", "role", "country"]
    search_fields = ["full_name", "email", "conference__title", "organization__name"]
    autocomplete_fields = ["conference", "organization"]
    raw_id_fields = ["invitation", "user"]
    readonly_fields = ["created_at", "checked_in_at"]
    inlines = [RegistrationLinkInline]


admin.site.register(RegistrationLink, readonly_fields=["registration", "token_hash", "created_at"])


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    list_display = ["organization", "conference", "contact_name", "contact_email", "created_at"]
    search_fields = ["organization__name", "conference__title", "contact_name", "contact_email"]
    autocomplete_fields = ["conference", "organization"]
    raw_id_fields = ["invitation"]


admin.site.register(DelegationLink, readonly_fields=["delegation", "token_hash", "created_at"])
admin.site.register(
    DelegationQuota, list_display=["conference", "organization", "organization_kind", "seats"],
    autocomplete_fields=["conference", "organization"],
)  # fmt: skip
