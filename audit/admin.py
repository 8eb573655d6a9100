from django.contrib import admin

from audit.models import AuditRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown in the admin, never written there: its records change only through actions."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditRecord)
class AuditRecordAdmin(ReadOnlyAdmin):
    """Read-only: the trail is append-only."""

    list_display = ["at", "actor", "action", "object_repr", "field", "old", "new"]
    list_filter = ["action", "object_type"]
    list_select_related = ["actor"]
    search_fields = ["object_repr", "scope"]
