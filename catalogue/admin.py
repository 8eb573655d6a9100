from django.contrib import admin

from catalogue.models import (
    Breakdown,
    BreakdownCategory,
    Indicator,
    IndicatorGroup,
    IndicatorSynonym,
    Period,
)


class SynonymInline(admin.TabularInline):
    model = IndicatorSynonym
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "value_type", "aggregation", "group", "is_active"]
    list_filter = ["group", "value_type", "aggregation", "is_active"]
    search_fields = ["code", "name", "synonyms__phrase"]
    filter_horizontal = ["breakdowns"]
    list_select_related = ["group"]
    inlines = [SynonymInline]


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]


class CategoryInline(admin.TabularInline):
    model = BreakdownCategory
    extra = 1


@admin.register(Breakdown)
class BreakdownAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "by_locality"]
    inlines = [CategoryInline]


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "year", "number", "start", "end"]
    list_filter = ["kind", "year"]
