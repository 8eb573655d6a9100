"""Rounds, reports, values, activities and targets are shown here, never written: each write
goes through rounds.actions or rounds.target_actions, which keep its audit record and the
report's version."""

from django.contrib import admin

from audit.admin import ReadOnlyAdmin, ReadOnlyInline
from rounds.models import Activity, DataValue, Report, Round, RoundIndicator, Section, Target

IN_THE_APP = (
    "Chỉ xem: {what} chỉ được thay đổi trên các trang của tonghop ({where}), "
    "nơi mỗi thay đổi được ghi vào nhật ký."
)


class RoundIndicatorInline(ReadOnlyInline):
    model = RoundIndicator
    raw_id_fields = ["indicator"]


class SectionInline(ReadOnlyInline):
    model = Section
    raw_id_fields = ["parent"]


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ["name", "period", "coordinator", "deadline"]
    list_select_related = ["period", "coordinator"]
    raw_id_fields = ["request", "plan"]
    inlines = [SectionInline, RoundIndicatorInline]
    audited_pages = IN_THE_APP.format(
        what="đợt báo cáo", where="Đợt báo cáo: mở đợt, nhắc nộp, kế hoạch và mục tiêu"
    )


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["agency", "round", "status", "submitted_at"]
    list_filter = ["status", "round"]
    list_select_related = ["agency", "round"]
    audited_pages = IN_THE_APP.format(
        what="báo cáo", where="Soạn báo cáo, nộp, trả lại, tiếp nhận, mở lại"
    )


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["date", "agency", "kind", "title", "quantity", "participants"]
    list_filter = ["kind", "agency"]
    list_select_related = ["agency"]
    raw_id_fields = ["locality"]
    audited_pages = IN_THE_APP.format(what="nhật ký hoạt động", where="Hoạt động")


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    """Targets a plan sets; a round citing the plan shows its results against them."""

    list_display = ["plan", "indicator", "value", "note"]
    list_select_related = ["plan", "indicator"]
    raw_id_fields = ["plan"]
    audited_pages = IN_THE_APP.format(what="mục tiêu", where="Đợt báo cáo: Mục tiêu")


@admin.register(DataValue)
class DataValueAdmin(ReadOnlyAdmin):
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
    audited_pages = IN_THE_APP.format(what="số liệu", where="Soạn báo cáo, nhập từ văn bản")
