from django.contrib import admin, messages

from outbox.models import OutboxMessage
from outbox.services import retry_failed


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "status", "attempts", "conference", "created_at", "sent_at"]
    list_filter = ["status", "language", "calendar_method"]
    search_fields = ["recipient", "recipient_name", "subject", "idempotency_key", "message_id"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "message_id",
        "idempotency_key",
        "claimed_at",
        "sent_at",
        "created_at",
        "attempts",
        "last_error",
    ]
    actions = ["retry"]

    @admin.action(description="Retry the failed ones")
    def retry(self, request, queryset):
        count = retry_failed(queryset)
        self.message_user(request, f"{count} failed mail(s) queued again.", messages.SUCCESS)
