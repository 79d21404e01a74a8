from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from registrations.models import Registration, RegistrationLink


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
