from django.contrib import admin

from rounds.models import Activity, DataValue, Report, Round, RoundIndicator, Section, Target


class RoundIndicatorInline(admin.TabularInline):
    model = RoundIndicator
    raw_id_fields = ["indicator"]
    extra = 0


class SectionInline(admin.TabularInline):
    model = Section
    raw_id_fields = ["parent"]
    extra = 0


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["name", "period", "coordinator", "deadline"]
    list_select_related = ["period", "coordinator"]
    raw_id_fields = ["request", "plan"]
    inlines = [SectionInline, RoundIndicatorInline]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Read-only here: a report's state changes only through the workflow actions."""

    list_display = ["agency", "round", "status", "submitted_at"]
    list_filter = ["status", "round"]
    list_select_related = ["agency", "round"]
    readonly_fields = ["status", "submitted_at", "version"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["date", "agency", "kind", "title", "quantity", "participants"]
    list_filter = ["kind", "agency"]
    list_select_related = ["agency"]
    raw_id_fields = ["locality"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    """Targets a plan sets; a round citing the plan shows its results against them."""

    list_display = ["plan", "indicator", "value", "note"]
    list_select_related = ["plan", "indicator"]
    raw_id_fields = ["plan"]


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
