from django.contrib import admin

from datavalues.models import DataValue


@admin.register(DataValue)
class DataValueAdmin(admin.ModelAdmin):
    list_display = [
        "indicator",
        "agency",
        "place",
        "period",
        "category",
        "value",
        "qualifier",
        "qualifier_word",
        "source",
    ]
    list_filter = ["source", "qualifier", "period", "indicator__group"]
    search_fields = ["indicator__name", "agency__name", "source_quote"]
    raw_id_fields = ["indicator", "agency", "place", "period", "category", "report", "updated_by"]
    list_select_related = ["indicator", "agency", "place", "period", "category"]
