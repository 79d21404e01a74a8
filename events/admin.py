from django.contrib import admin

from events.models import Conference


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "starts_on", "ends_on", "timezone", "status"]
    list_filter = ["status", "starts_on"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_on"
