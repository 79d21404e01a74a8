from django.contrib import admin

from online.models import Attendance, BigBlueButtonServer, StartReminder


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["session", "registration", "user", "first_joined_at", "joins"]
    list_select_related = ["session", "registration", "user"]
    raw_id_fields = ["session", "registration", "user"]


@admin.register(BigBlueButtonServer)
class BigBlueButtonServerAdmin(admin.ModelAdmin):
    """The shared secret is set on the conference's Online page, which checks it; it is not shown here."""

    list_display = ["conference", "api_url", "enabled"]
    fields = ["conference", "api_url", "enabled"]
    readonly_fields = ["conference", "api_url"]
    search_fields = ["conference__title", "api_url"]

    def has_add_permission(self, request) -> bool:
        return False


admin.site.register(
    StartReminder, list_display=["conference", "minutes_before", "sent_at", "recipients"],
    raw_id_fields=["conference"], readonly_fields=["sent_at", "recipients"],
)  # fmt: skip
