from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from proceedings.models import (
    Amendment,
    Declaration,
    DeclarationTranslation,
    DeclarationVersion,
    Document,
    DocumentFile,
    Statement,
)


class DocumentFileInline(admin.TabularInline):
    """Files are uploaded through the site, which checks them; here they can only be seen."""

    model = DocumentFile
    extra = 0
    fields = ["language", "is_original", "file", "file_kind", "file_size"]
    readonly_fields = ["file", "file_kind", "file_size"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "conference", "authors", "language", "status"]
    list_filter = ["status"]
    search_fields = ["title", "authors", "organization", "conference__title"]
    autocomplete_fields = ["conference"]
    raw_id_fields = ["submitted_by"]
    inlines = [DocumentFileInline]


@admin.register(DocumentFile)
class DocumentFileAdmin(admin.ModelAdmin):
    list_display = ["document", "language", "is_original", "file_kind", "file_size"]
    raw_id_fields = ["document"]
    readonly_fields = ["file", "file_kind", "file_size"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Declaration)
class DeclarationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "conference", "status", "is_published"]
    list_filter = ["status", "is_published"]
    search_fields = ["title", "conference__title"]
    autocomplete_fields = ["conference"]
    raw_id_fields = ["based_on"]


@admin.register(DeclarationVersion)
class DeclarationVersionAdmin(admin.ModelAdmin):
    """Versions are the record of what was adopted: never edited."""

    list_display = ["declaration", "number", "note", "created_at"]
    readonly_fields = ["declaration", "number", "paragraphs", "note", "created_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


admin.site.register(
    DeclarationTranslation,
    list_display=["declaration", "language", "is_published"],
    raw_id_fields=["version"],
)


@admin.register(Amendment)
class AmendmentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "declaration", "outcome"]
    list_filter = ["outcome", "kind"]
    search_fields = ["proposer_name", "organization", "text"]
    raw_id_fields = ["declaration", "base_version", "proposed_by", "applied_in", "carried_from"]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["title", "conference", "language", "published_on"]
    search_fields = ["title", "conference__title"]
    autocomplete_fields = ["conference"]
    raw_id_fields = ["translation_of"]
