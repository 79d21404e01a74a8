from django.contrib import admin, messages

from outbox.models import OutboxMessage, Webhook, WebhookDelivery
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


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    list_display = ["url", "conference", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["url", "conference__slug"]
    readonly_fields = ["secret", "created_at"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "webhook", "status", "attempts", "last_status_code", "created_at", "sent_at"]
    list_filter = ["status", "event"]
    readonly_fields = ["event_id", "payload", "attempts", "last_status_code", "last_error", "claimed_at",
                       "sent_at", "created_at"]  # fmt: skip
