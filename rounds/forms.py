"""Forms of the rounds pages: opening a round, the report sheet, review, activities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from agencies.models import Agency
from catalogue.models import Indicator, Period, PeriodKind
from datavalues.forms import QualifierField
from datavalues.models import Qualifier, Source, qualifier_choice
from documents.models import DocumentKind, LegalDocument
from lib.vnformat import format_for_entry
from places.forms import UnitChoiceField
from places.labels import in_force_first
from rounds import conflicts
from rounds.actions import (
    HEADER_FIELDS,
    CellInput,
    ChildIndicator,
    Draft,
    child_deadline,
    outline_of,
)
from rounds.conflicts import Merge
from rounds.models import Activity, Round, RoundIndicator, Section
from rounds.outline import DEFAULT_OUTLINE, Heading, OutlineError, parse_outline
from rounds.sheet import CellKey, OutlinePart, Sheet, SheetCell, display_value, outline_parts
from rounds.validation import Findings, parse_value

STANDARD_KINDS = [(k.value, k.label) for k in PeriodKind if k != PeriodKind.CUSTOM]


def _deadline_field(label: str, help_text: str = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        help_text=help_text,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"],
    )


def _clean_outline(text: str) -> list[Heading]:
    try:
        return parse_outline(text)
    except OutlineError as error:
        raise forms.ValidationError(str(error)) from None


def outline_text(headings: list[Heading]) -> str:
    """Headings written back as the outline field reads them (parse_outline)."""
    lines = []
    for heading in headings:
        lines.append(f"{heading.label}. {heading.title}")
        lines += [f"  {child.label}. {child.title}" for child in heading.children]
    return "\n".join(lines)


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
    deadline = _deadline_field("Hạn nộp")
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
        return _clean_outline(self.cleaned_data["outline"])

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


def agencies_below(agency: Agency) -> QuerySet[Agency]:
    """The active agencies a coordinator may ask, all of them by default: those of its unit and
    the units below it (districts and communes of a province), itself left out."""
    unit = agency.unit_id
    return (
        Agency.objects.active()
        .filter(Q(unit_id=unit) | Q(unit__parent_id=unit) | Q(unit__parent__parent_id=unit))
        .exclude(pk=agency.pk)
    )


class ChildRoundForm(forms.Form):
    """Opening a round to answer a received request: prefilled from the request (the parent
    round); each requested indicator answered by itself or by one of the agency's own."""

    name = forms.CharField(label="Tên đợt báo cáo", max_length=300)
    deadline = _deadline_field(
        "Hạn nộp nội bộ",
        f"Mặc định trước hạn của cấp trên {settings.TONGHOP_CHILD_LEAD_DAYS} ngày, để kịp tổng "
        "hợp; không được sau hạn của cấp trên.",
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Cơ quan, đơn vị được yêu cầu",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    own_indicators = forms.ModelMultipleChoiceField(
        label="Chỉ tiêu riêng của cấp mình (thêm)",
        queryset=Indicator.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    own_by_locality = forms.ModelMultipleChoiceField(
        label="Chỉ tiêu riêng chi tiết theo địa bàn",
        queryset=Indicator.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    outline = forms.CharField(
        label="Đề cương",
        widget=forms.Textarea(attrs={"rows": 9}),
        help_text="Mặc định theo đề cương của cấp trên. Mỗi dòng một mục.",
    )

    def __init__(self, parent: Round, agency: Agency, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.parent = parent
        self.asked = list(parent.round_indicators.select_related("indicator"))
        active = Indicator.objects.active().select_related("group")
        asked_ids = [ri.indicator_id for ri in self.asked]
        below = agencies_below(agency)
        choices = {
            "agencies": below,
            "own_indicators": active.exclude(pk__in=asked_ids),
            "own_by_locality": active.exclude(pk__in=asked_ids),
        }
        for name, queryset in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
        for ri in self.asked:
            self.fields[f"answer_{ri.indicator_id}"] = forms.ModelChoiceField(
                label=ri.indicator.name,
                queryset=active,
                initial=ri.indicator,
                help_text="Trả lời bằng chính chỉ tiêu này, hoặc chọn chỉ tiêu của cấp mình.",
            )
            self.fields[f"local_{ri.indicator_id}"] = forms.BooleanField(
                label="chi tiết theo địa bàn",
                initial=ri.by_locality,
                required=False,
                disabled=ri.by_locality,  # asked by locality: cannot be given less
            )
        self.initial.update(
            name=parent.name,
            deadline=timezone.localtime(child_deadline(parent)),
            agencies=list(below),
            outline=outline_text(outline_of(parent)),
        )

    def clean_outline(self):
        return _clean_outline(self.cleaned_data["outline"])

    def mapping_rows(self) -> list[tuple[RoundIndicator, forms.BoundField, forms.BoundField]]:
        """Per requested indicator: the request's line, the answering indicator, by locality."""
        return [
            (ri, self[f"answer_{ri.indicator_id}"], self[f"local_{ri.indicator_id}"])
            for ri in self.asked
        ]

    def indicators(self) -> list[ChildIndicator]:
        data = self.cleaned_data
        carried = [
            ChildIndicator(
                data[f"answer_{ri.indicator_id}"], data[f"local_{ri.indicator_id}"], ri.indicator
            )
            for ri in self.asked
        ]
        local = set(data.get("own_by_locality") or [])
        own = [ChildIndicator(i, i in local) for i in data.get("own_indicators") or []]
        return carried + own


@dataclass
class FieldConflict:
    """A field someone else saved while this page was open: their text, and the choice."""

    stored: str
    saved_by: str
    choice: forms.BoundField | None  # None: only they changed it; their text is on the page


@dataclass
class SheetRow:
    cell: SheetCell
    value: forms.BoundField
    qualifier: forms.BoundField
    suggestion: int | None
    source: str
    conflict: FieldConflict | None = None

    @property
    def filled(self) -> bool:
        return bool(str(self.value.value() or "").strip())

    @property
    def has_errors(self) -> bool:
        return bool(self.value.errors or self.qualifier.errors)


@dataclass
class TextRow:
    field: forms.BoundField
    conflict: FieldConflict | None = None

    @property
    def filled(self) -> bool:
        return bool(str(self.field.value() or "").strip())

    @property
    def has_errors(self) -> bool:
        return bool(self.field.errors)


@dataclass
class EntryPart:
    """A heading of the outline on the form: its text, its figures, its sub-headings."""

    section: Section | None
    text: TextRow | None
    rows: list[SheetRow]
    children: list[EntryPart]
    other_rows: list[SheetRow]  # figures no heading speaks of (the first part only)

    def entries(self) -> list[SheetRow | TextRow]:
        own: list[SheetRow | TextRow] = [*self.rows, *self.other_rows]
        if self.text is not None:
            own.insert(0, self.text)
        return own + [entry for child in self.children for entry in child.entries()]

    @property
    def filled(self) -> int:
        return sum(entry.filled for entry in self.entries())

    @property
    def total(self) -> int:
        return len(self.entries())

    @property
    def needs_attention(self) -> bool:
        """Open on load: it holds an error, or a field someone else saved meanwhile."""
        return any(entry.conflict is not None or entry.has_errors for entry in self.entries())


def _value_text(entry) -> str:
    """A cell's figure as merged: stored DataValue and typed CellInput read alike."""
    if entry is None:
        return ""
    return f"{entry.qualifier}:{entry.qualifier_word} {entry.value.normalize():f}"


class ReportForm(forms.Form):
    """The whole report on one page: header, figures with qualifiers, narratives, explanations.

    `base` fingerprints every field as loaded, so that a stale save can be merged field by
    field (rounds.conflicts); after one, `conflicts` names the fields the officer must choose.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)
    base = forms.CharField(widget=forms.HiddenInput, required=False)
    conflicts = forms.CharField(widget=forms.HiddenInput, required=False)
    number = forms.CharField(label="Số văn bản", max_length=20, required=False)
    title = forms.CharField(label="Trích yếu", max_length=400, required=False)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=120, required=False)
    signer_name = forms.CharField(label="Người ký", max_length=120, required=False)

    def __init__(
        self,
        sheet: Sheet,
        findings: Findings,
        *,
        merged: Merge | None = None,
        **kwargs,
    ) -> None:
        report = sheet.report
        self.sheet = sheet
        self.findings = findings
        self.sections: list[Section] = list(report.round.sections.all())
        texts = {n.section_id: n.text for n in report.narratives.all()}
        self.texts = texts
        self.cells_by_suffix = {cell.field_suffix: cell for cell in sheet.cells}
        initial = {"version": report.version, **{f: getattr(report, f) for f in HEADER_FIELDS}}
        for cell in sheet.cells:
            stored = sheet.values.get(cell.key)
            suggestion = sheet.suggestions.get(cell.key)
            if stored is not None:
                initial[f"v_{cell.field_suffix}"] = format_for_entry(stored.value)
                initial[f"q_{cell.field_suffix}"] = qualifier_choice(
                    stored.qualifier, stored.qualifier_word
                )
            elif suggestion:
                initial[f"v_{cell.field_suffix}"] = format_for_entry(suggestion)
        for section in self.sections:
            initial[f"n_{section.pk}"] = texts.get(section.pk, "")
        self.explanation_codes = {w.code: w.message for w in findings.warnings}
        for code in report.explanations:
            self.explanation_codes.setdefault(code, "")
        for code, text in report.explanations.items():
            initial[f"e_{code}"] = text
        initial["base"] = conflicts.encode_base(self.stored_texts())
        super().__init__(initial=initial, **kwargs)
        # Right after a stale save the page shows the choices; the next save must make them.
        self.merged = merged or Merge(
            conflicts=[n for n in (self.data.get("conflicts") or "").split(",") if n]
        )
        self.must_choose = merged is None
        self.theirs: set[str] = set()  # conflicting fields whose stored version is chosen
        for cell in sheet.cells:
            self.fields[f"v_{cell.field_suffix}"] = forms.CharField(
                label=cell.label,
                required=False,
                max_length=30,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            self.fields[f"q_{cell.field_suffix}"] = QualifierField(
                label=f"Mức độ chính xác — {cell.label}", required=False
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
        for name in self.merged.conflicts:
            self.fields[f"keep_{name}"] = forms.ChoiceField(
                label="Giữ bản nào",
                choices=conflicts.NUMBER_CHOICES
                if name.startswith("v_")
                else conflicts.TEXT_CHOICES,
                required=False,
                widget=forms.RadioSelect,
            )

    def stored_texts(self) -> dict[str, str]:
        """Every field's stored content as text, by field name (a figure with its qualifier)."""
        report = self.sheet.report
        texts = {
            f"v_{cell.field_suffix}": _value_text(self.sheet.values.get(cell.key))
            for cell in self.sheet.cells
        }
        texts.update({name: getattr(report, name) for name in HEADER_FIELDS})
        texts.update({f"n_{s.pk}": self.texts.get(s.pk, "") for s in self.sections})
        texts.update(
            {f"e_{code}": report.explanations.get(code, "") for code in self.explanation_codes}
        )
        return texts

    def typed_texts(self) -> dict[str, str]:
        """The same, as typed on this (valid) form."""
        draft = self.to_draft()
        texts = {
            f"v_{cell.field_suffix}": _value_text(self.values.get(cell.key))
            for cell in self.sheet.cells
        }
        texts.update(draft.header)
        texts.update({f"n_{pk}": text for pk, text in draft.narratives.items()})
        texts.update({f"e_{code}": text for code, text in draft.explanations.items()})
        return texts

    def stored_data(self, name: str) -> dict[str, str]:
        """The form data that shows one field's stored content."""
        if not name.startswith("v_"):
            return {name: self.stored_texts()[name]}
        suffix = name.removeprefix("v_")
        stored = self.sheet.values.get(self.cells_by_suffix[suffix].key)
        if stored is None:
            return {name: "", f"q_{suffix}": Qualifier.EXACT}
        return {
            name: format_for_entry(stored.value),
            f"q_{suffix}": qualifier_choice(stored.qualifier, stored.qualifier_word),
        }

    def conflict(self, name: str) -> FieldConflict | None:
        """What the page shows beside a field someone else saved meanwhile."""
        choice = f"keep_{name}" in self.fields
        if not choice and name not in self.merged.theirs:
            return None
        saved_by = ""
        if name.startswith("v_"):
            stored = self.sheet.values.get(self.cells_by_suffix[name.removeprefix("v_")].key)
            text = display_value(stored.value, stored.qualifier) if stored else ""
            if stored is not None and stored.updated_by is not None:
                who = stored.updated_by.get_full_name() or stored.updated_by.username
                saved_by = f"{who}, {timezone.localtime(stored.updated_at):%H:%M %d/%m/%Y}"
        else:
            text = self.stored_texts()[name]
        return FieldConflict(
            stored=text or "(để trống)",
            saved_by=saved_by,
            choice=self[f"keep_{name}"] if choice else None,
        )

    def conflict_details(self) -> list[str]:
        """What the officer has to do after a refused save, for the message above the form."""
        both, theirs = len(self.merged.conflicts), len(self.merged.theirs)
        details = []
        if both:
            details.append(
                f"{both} ô cả hai người cùng sửa khác nhau: ở từng ô, chọn giữ bản của bạn "
                "hoặc lấy bản đã lưu, rồi lưu lại."
            )
        if theirs:
            details.append(
                f"{theirs} ô chỉ người kia sửa đã được cập nhật theo bản đã lưu trên trang."
            )
        if not both:
            details.append("Các ô bạn sửa được giữ nguyên; bấm «Lưu nháp» để lưu lại.")
        return details

    def rebased(self, sheet: Sheet, findings: Findings) -> ReportForm:
        """This stale form moved onto the report as stored now, to show after a refused save.

        The version and base become the current ones so that the next save goes through; what
        only the other person changed is put on the page; what both changed waits for a choice;
        everything else keeps what the officer typed.
        """
        current = ReportForm(sheet, findings)
        merged = conflicts.merge(
            conflicts.decode_base(self.cleaned_data.get("base", "")),
            current.stored_texts(),
            self.typed_texts(),
        )
        # Fields whose stored version the officer already chose stay theirs, whatever it is now.
        merged = Merge(
            conflicts=[n for n in merged.conflicts if n not in self.theirs],
            theirs=sorted(set(merged.theirs) | self.theirs),
        )
        data = dict(self.data.items())  # a QueryDict's items() give each field's one value
        data["version"] = sheet.report.version
        data["base"] = current.initial["base"]
        data["conflicts"] = ",".join(merged.conflicts)
        for name in merged.conflicts:
            data.pop(f"keep_{name}", None)
        for name in merged.theirs:
            for key, value in current.stored_data(name).items():
                data[key] = value
        return ReportForm(sheet, findings, data=data, merged=merged)

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        self.values: dict[CellKey, CellInput | None] = {}
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
            qualifier, word = data.get(f"q_{cell.field_suffix}") or (Qualifier.EXACT, "")
            from_log = (
                self.sheet.suggestions.get(cell.key) == value and qualifier == Qualifier.EXACT
            )
            self.values[cell.key] = CellInput(
                value,
                qualifier,
                Source.ACTIVITIES if from_log else Source.TYPED,
                qualifier_word=word,
            )
        for name in self.merged.conflicts:
            choice = data.get(f"keep_{name}")
            if choice == conflicts.THEIRS:
                self.theirs.add(name)
            elif choice != conflicts.MINE and self.must_choose:
                self.add_error(f"keep_{name}", "Chọn giữ bản của bạn hay lấy bản đã lưu.")
        return data

    def to_draft(self) -> Draft:
        """What to save; a field whose stored version the officer chose to take is left out."""
        data = self.cleaned_data
        theirs = self.theirs
        return Draft(
            values={
                cell.key: self.values[cell.key]
                for cell in self.sheet.cells
                if cell.key in self.values and f"v_{cell.field_suffix}" not in theirs
            },
            narratives={
                s.pk: data.get(f"n_{s.pk}", "") for s in self.sections if f"n_{s.pk}" not in theirs
            },
            header={name: data.get(name, "") for name in HEADER_FIELDS if name not in theirs},
            explanations={
                code: data.get(f"e_{code}", "")
                for code in self.explanation_codes
                if f"e_{code}" not in theirs
            },
        )

    def _row(self, cell: SheetCell) -> SheetRow:
        stored = self.sheet.values.get(cell.key)
        return SheetRow(
            cell=cell,
            value=self[f"v_{cell.field_suffix}"],
            qualifier=self[f"q_{cell.field_suffix}"],
            suggestion=self.sheet.suggestions.get(cell.key),
            source=stored.get_source_display() if stored else "",
            conflict=self.conflict(f"v_{cell.field_suffix}"),
        )

    def parts(self) -> list[EntryPart]:
        """The form laid out by the report's outline (rounds.sheet.outline_parts)."""

        def part(outline: OutlinePart) -> EntryPart:
            section = outline.section
            return EntryPart(
                section=section,
                text=TextRow(self[f"n_{section.pk}"], self.conflict(f"n_{section.pk}"))
                if section
                else None,
                rows=[self._row(cell) for cell in outline.cells],
                children=[part(child) for child in outline.children],
                other_rows=[self._row(cell) for cell in outline.other_cells],
            )

        return [part(outline) for outline in outline_parts(self.sheet, self.sections)]

    def figures_filled(self) -> int:
        """How many of the sheet's figures hold a value (typed, stored or suggested)."""
        values = (self[f"v_{cell.field_suffix}"].value() for cell in self.sheet.cells)
        return sum(bool(str(value or "").strip()) for value in values)

    def field_messages(self, findings: Findings) -> dict[str, list[str]]:
        """Each figure's messages as a save would give them: the reading of the typed text and
        the qualifier (form errors), then the rules on the figures read (findings' errors)."""
        by_cell: dict[CellKey, list[str]] = {}
        for issue in findings.errors:
            if issue.cell is not None:
                by_cell.setdefault(issue.cell, []).append(issue.message)
        return {
            f"v_{cell.field_suffix}": [
                *self.errors.get(f"v_{cell.field_suffix}", []),
                *self.errors.get(f"q_{cell.field_suffix}", []),
                *by_cell.get(cell.key, []),
            ]
            for cell in self.sheet.cells
        }

    def _text_rows(self, names) -> list[TextRow]:
        return [TextRow(self[name], self.conflict(name)) for name in names]

    def header_fields(self) -> list[TextRow]:
        return self._text_rows(HEADER_FIELDS)

    def header_conflicts(self) -> bool:
        """The header is folded away unless it holds a field someone else saved meanwhile."""
        return any(name in self.merged.conflicts + self.merged.theirs for name in HEADER_FIELDS)

    def explanation_fields(self) -> list[TextRow]:
        return self._text_rows(f"e_{code}" for code in self.explanation_codes)


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
        field_classes = {"locality": UnitChoiceField}

    def __init__(self, *args, agency: Agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.unit = agency.unit
        locality = self.fields["locality"]
        assert isinstance(locality, forms.ModelChoiceField)  # the form field of a foreign key
        # Today's units first: an activity is logged soon after it happens.
        locality.queryset = in_force_first(agency.unit.children_ever(), timezone.localdate())
        self.fields["date"].initial = timezone.localdate

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        locality, date = cleaned.get("locality"), cleaned.get("date")
        # The list holds every unit that ever lay below the agency's; the date picks the map.
        if locality and date and not self.unit.children_on(date).filter(pk=locality.pk).exists():
            self.add_error(
                "locality",
                f"{locality.full_name} không phải đơn vị hành chính vào ngày {date:%d/%m/%Y} "
                "(đã sáp nhập hoặc chưa thành lập); hãy chọn đơn vị của ngày đó.",
            )
        return cleaned

    def clean_date(self) -> dt.date:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("Ngày hoạt động không được ở tương lai.")
        return date
