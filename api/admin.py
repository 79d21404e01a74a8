from django.contrib import admin, messages

from api.models import ApiToken
from api.services import revoke_token


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Staff see who holds which token and may revoke one; the secret is never stored, so never shown."""

    list_display = [
        "name",
        "user",
        "scope",
        "conference",
        "prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["scope"]
    search_fields = ["name", "user__email", "prefix"]
    readonly_fields = ["user", "prefix", "token_hash", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # a token is made by its holder, who alone sees its secret

    @admin.action(description="Revoke")
    def revoke(self, request, queryset):
        for token in queryset:
            revoke_token(token)
        self.message_user(request, f"{queryset.count()} token(s) revoked.", messages.SUCCESS)
