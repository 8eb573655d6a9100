from django.contrib import admin

from rounds.models import Report, Round, RoundIndicator, Section


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
