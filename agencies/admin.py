from django.contrib import admin

from agencies.models import Agency


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "kind", "parent", "unit", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    raw_id_fields = ["unit", "parent"]
    list_select_related = ["parent", "unit"]
