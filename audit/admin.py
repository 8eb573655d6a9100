from django.contrib import admin, messages

from audit.models import Anchor, AuditRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown in the admin, never written there: its records change only through the audited
    actions. `audited_pages` tells the administrator where those are."""

    audited_pages = ""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def _point_to_audited_pages(self, request) -> None:
        if self.audited_pages:
            messages.info(request, self.audited_pages)

    def changelist_view(self, request, extra_context=None):
        self._point_to_audited_pages(request)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._point_to_audited_pages(request)
        return super().change_view(request, object_id, form_url, extra_context)


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
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
    audited_pages = "Kiểm tra toàn bộ nhật ký bằng lệnh `tonghop audit verify`."


@admin.register(Anchor)
class AnchorAdmin(ReadOnlyAdmin):
    list_display = ["seq", "at", "hash"]
    audited_pages = "Mỗi neo cũng được ghi, kèm chữ ký, vào tệp neo ngoài cơ sở dữ liệu."
