from django.contrib import admin

from places.models import AdministrativeUnit, Succession, Transfer


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    raw_id_fields = ["successor"]
    extra = 0


class TransferInline(admin.TabularInline):
    model = Transfer
    fk_name = "unit"
    raw_id_fields = ["from_parent"]
    extra = 0


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["full_name", "code", "level", "era", "parent", "valid_from", "valid_to"]
    list_filter = ["era", "level"]
    search_fields = ["name", "full_name", "code"]
    raw_id_fields = ["parent"]
    list_select_related = ["parent"]
    inlines = [SuccessionInline, TransferInline]
