from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from program import services
from program.models import (
    AgendaKey,
    InterpretationChannel,
    Room,
    Session,
    SessionMaterial,
    SessionPerson,
    Star,
    Track,
)


class SessionPersonInline(admin.TabularInline):
    model = SessionPerson
    extra = 0
    raw_id_fields = ["registration"]


@admin.register(SessionMaterial)
class SessionMaterialAdmin(admin.ModelAdmin):
    """Files are uploaded through the program editor, which checks them; here they can only be seen."""

    list_display = ["title", "session", "file_kind", "language"]
    search_fields = ["title", "session__title"]
    raw_id_fields = ["session"]
    readonly_fields = ["file", "file_kind", "file_size"]


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "conference", "kind", "starts_at", "room", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "conference__title"]
    autocomplete_fields = ["conference"]
    raw_id_fields = ["room", "track"]
    inlines = [SessionPersonInline]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "conference", "capacity"]
    search_fields = ["name", "conference__title"]
    autocomplete_fields = ["conference"]

    def save_model(self, request, obj, form, change):
        services.save_room_or_track(obj)  # a renamed room's sessions update in calendars, as in the editor


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "conference", "colour"]
    search_fields = ["name", "conference__title"]
    autocomplete_fields = ["conference"]


admin.site.register(
    SessionPerson, list_display=["name", "session", "role", "country"], search_fields=["name"]
)
admin.site.register(Star, list_display=["user", "session", "created_at"], raw_id_fields=["user", "session"])
# The salt is left out: with the site's key it would rebuild the person's feed address.
admin.site.register(AgendaKey, list_display=["user", "created_at"], fields=["user"], raw_id_fields=["user"])
admin.site.register(
    InterpretationChannel, list_display=["session", "language", "link"], raw_id_fields=["session"],
    search_fields=["session__title", "language"],
)  # fmt: skip
