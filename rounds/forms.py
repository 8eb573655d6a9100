"""Forms of the rounds pages: opening a round, the report sheet, review, activities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils import timezone

from agencies.models import Agency
from catalogue.models import Indicator, Period, PeriodKind
from datavalues.models import Qualifier, Source
from documents.models import DocumentKind, LegalDocument
from lib.vnformat import format_for_entry
from places.models import AdministrativeUnit
from rounds.actions import HEADER_FIELDS, CellInput, Draft
from rounds.models import Activity, Section
from rounds.outline import DEFAULT_OUTLINE, OutlineError, parse_outline
from rounds.sheet import Cell, Sheet
from rounds.validation import Findings, parse_value

STANDARD_KINDS = [(k.value, k.label) for k in PeriodKind if k != PeriodKind.CUSTOM]


class RoundOpenForm(forms.Form):
    name = forms.CharField(label="Tên đợt báo cáo", max_length=300)
    request = forms.ModelChoiceField(
        label="Văn bản yêu cầu báo cáo (công văn)",
        queryset=LegalDocument.objects.all(),
        required=False,
    )
    plan = forms.ModelChoiceField(
        label="Kế hoạch đặt mục tiêu",
        queryset=LegalDocument.objects.filter(kind=DocumentKind.KE_HOACH),
        required=False,
    )
    period_kind = forms.ChoiceField(
        label="Loại kỳ", choices=STANDARD_KINDS, initial=PeriodKind.YEAR
    )
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    number = forms.IntegerField(
        label="Số thứ tự kỳ trong năm",
        min_value=0,
        max_value=12,
        initial=0,
        help_text="Năm: 0; 6 tháng: 1-2; quý: 1-4; tháng: 1-12.",
    )
    deadline = forms.DateTimeField(
        label="Hạn nộp",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"],
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Cơ quan, đơn vị được yêu cầu",
        queryset=Agency.objects.active(),
        widget=forms.CheckboxSelectMultiple,
    )
    indicators = forms.ModelMultipleChoiceField(
        label="Chỉ tiêu",
        queryset=Indicator.objects.active().select_related("group"),
        widget=forms.CheckboxSelectMultiple,
    )
    by_locality = forms.ModelMultipleChoiceField(
        label="Chỉ tiêu chi tiết theo địa bàn",
        queryset=Indicator.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    outline = forms.CharField(
        label="Đề cương",
        widget=forms.Textarea(attrs={"rows": 9}),
        initial=DEFAULT_OUTLINE,
        help_text="Mỗi dòng một mục: «I. ...» là phần lớn, «1. ...» là mục con của phần bên trên.",
    )

    def clean_outline(self):
        try:
            return parse_outline(self.cleaned_data["outline"])
        except OutlineError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        data = super().clean()
        if {"period_kind", "year", "number"} <= data.keys():
            period = Period(kind=data["period_kind"], year=data["year"], number=data["number"])
            try:
                period.clean()
            except forms.ValidationError as error:
                self.add_error("number", error.messages)
        return data

    def period(self) -> Period:
        data = self.cleaned_data
        return Period.objects.get_or_create_standard(
            data["period_kind"], data["year"], data["number"]
        )

    def indicator_choices(self) -> list[tuple[Indicator, bool]]:
        local = set(self.cleaned_data.get("by_locality") or [])
        return [(i, i in local) for i in self.cleaned_data["indicators"]]


@dataclass
class SheetRow:
    cell: Cell
    value: forms.BoundField
    qualifier: forms.BoundField
    suggestion: int | None
    source: str


class ReportForm(forms.Form):
    """The whole report on one page: header, figures with qualifiers, narratives, explanations."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.CharField(label="Số văn bản", max_length=20, required=False)
    title = forms.CharField(label="Trích yếu", max_length=400, required=False)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=120, required=False)
    signer_name = forms.CharField(label="Người ký", max_length=120, required=False)

    def __init__(self, sheet: Sheet, findings: Findings, *args, **kwargs) -> None:
        report = sheet.report
        self.sheet = sheet
        self.findings = findings
        self.sections: list[Section] = list(report.round.sections.all())
        texts = {n.section_id: n.text for n in report.narratives.all()}
        initial = {"version": report.version, **{f: getattr(report, f) for f in HEADER_FIELDS}}
        for cell in sheet.cells:
            stored = sheet.values.get(cell.key)
            suggestion = sheet.suggestions.get(cell.key)
            if stored is not None:
                initial[f"v_{cell.field_suffix}"] = format_for_entry(stored.value)
                initial[f"q_{cell.field_suffix}"] = stored.qualifier
            elif suggestion:
                initial[f"v_{cell.field_suffix}"] = format_for_entry(suggestion)
        for section in self.sections:
            initial[f"n_{section.pk}"] = texts.get(section.pk, "")
        self.explanation_codes = {w.code: w.message for w in findings.warnings}
        for code in report.explanations:
            self.explanation_codes.setdefault(code, "")
        for code, text in report.explanations.items():
            initial[f"e_{code}"] = text
        super().__init__(*args, initial=initial, **kwargs)
        for cell in sheet.cells:
            self.fields[f"v_{cell.field_suffix}"] = forms.CharField(
                label=cell.label,
                required=False,
                max_length=30,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            self.fields[f"q_{cell.field_suffix}"] = forms.ChoiceField(
                label=f"Mức độ chính xác — {cell.label}",
                choices=Qualifier.choices,
                initial=Qualifier.EXACT,
                required=False,
            )
        for section in self.sections:
            self.fields[f"n_{section.pk}"] = forms.CharField(
                label=str(section), required=False, widget=forms.Textarea(attrs={"rows": 5})
            )
        for code, message in self.explanation_codes.items():
            self.fields[f"e_{code}"] = forms.CharField(
                label=message or "Giải trình",
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        data = super().clean()
        self.values: dict = {}
        for cell in self.sheet.cells:
            text = (data.get(f"v_{cell.field_suffix}") or "").strip()
            if not text:
                self.values[cell.key] = None
                continue
            try:
                value = parse_value(text)
            except ValueError as error:
                self.add_error(f"v_{cell.field_suffix}", str(error))
                continue
            qualifier = data.get(f"q_{cell.field_suffix}") or Qualifier.EXACT
            from_log = (
                self.sheet.suggestions.get(cell.key) == value and qualifier == Qualifier.EXACT
            )
            self.values[cell.key] = CellInput(
                value, qualifier, Source.ACTIVITIES if from_log else Source.TYPED
            )
        return data

    def to_draft(self) -> Draft:
        data = self.cleaned_data
        return Draft(
            values=self.values,
            narratives={s.pk: data.get(f"n_{s.pk}", "") for s in self.sections},
            header={name: data.get(name, "") for name in HEADER_FIELDS},
            explanations={code: data.get(f"e_{code}", "") for code in self.explanation_codes},
        )

    def rows(self) -> list[SheetRow]:
        return [
            SheetRow(
                cell=cell,
                value=self[f"v_{cell.field_suffix}"],
                qualifier=self[f"q_{cell.field_suffix}"],
                suggestion=self.sheet.suggestions.get(cell.key),
                source=stored.get_source_display()
                if (stored := self.sheet.values.get(cell.key))
                else "",
            )
            for cell in self.sheet.cells
        ]

    def section_fields(self) -> list[forms.BoundField]:
        return [self[f"n_{s.pk}"] for s in self.sections]

    def explanation_fields(self) -> list[forms.BoundField]:
        return [self[f"e_{code}"] for code in self.explanation_codes]


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind",
            "date",
            "title",
            "place",
            "locality",
            "quantity",
            "participants",
            "partners",
        ]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, agency: Agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = AdministrativeUnit.objects.filter(
            parent_id=agency.unit_id
        ).order_by("name")
        self.fields["date"].initial = timezone.localdate

    def clean_date(self) -> dt.date:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("Ngày hoạt động không được ở tương lai.")
        return date
