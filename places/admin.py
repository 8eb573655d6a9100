from django.contrib import admin

from places.labels import unit_label
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
    list_display = ["label", "code", "level", "era", "parent", "valid_from", "valid_to"]
    list_filter = ["era", "level"]
    search_fields = ["name", "full_name", "code"]
    raw_id_fields = ["parent"]
    list_select_related = ["parent"]
    inlines = [SuccessionInline, TransferInline]

    @admin.display(description="tên (thời kỳ)", ordering="full_name")
    def label(self, unit: AdministrativeUnit) -> str:
        """The admin's unit lists (and the pickers of raw_id_fields) hold both eras."""
        return unit_label(unit, with_era=True)
