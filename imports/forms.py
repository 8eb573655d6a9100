"""The upload form and the form that confirms extracted figures into the report."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from django import forms

from catalogue.models import Indicator
from datavalues.figures import Figure, add
from datavalues.forms import QualifierField
from datavalues.models import EXACT_WORD, parse_qualifier_choice, qualifier_choice, written_word
from imports.actions import Entry
from imports.models import FIGURES_PER_PAGE, FigurePage, ImportedDocument, ocr_mark
from imports.overwrite import (
    ChangeCount,
    Comparison,
    Proposal,
    compare,
    count_changes,
    edit_marks,
)
from imports.passages import passage
from lib.vnformat import Number, format_number
from lib.vnnumbers import parse_number
from rounds.sheet import CellKey, Sheet, SheetCell

DOCUMENTS = (".docx", ".pdf", ".doc", ".rtf", ".odt", ".txt", ".md")
# Scans and phone photos, read by OCR.
IMAGES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
FORMATS = (
    "Word (.docx, .doc, .rtf), PDF, .odt, .txt, .md hoặc ảnh chụp, bản quét (.jpg, .png, .tif)"
)


def _kind_and_word(choice: str) -> tuple[str, str]:
    """A qualifier choice as typed on the page; a choice that is none counts as exact (the
    field itself reports it)."""
    try:
        return parse_qualifier_choice(choice)
    except ValueError:
        return "exact", ""


def cell_label(cell: SheetCell) -> str:
    """What the officer picks: the indicator's name and unit, then the locality if it is one."""
    if cell.is_total:
        return str(cell.indicator)
    return f"{cell.indicator} — {cell.place.name}"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp báo cáo",
        help_text=(
            f"Văn bản {FORMATS}. Bản quét và ảnh chụp được đọc bằng nhận dạng ký tự (OCR), "
            "có thể đọc sai: hãy đối chiếu từng số liệu với bản gốc. Tệp gốc chỉ được giữ "
            "đến khi đọc xong."
        ),
        allow_empty_file=True,  # the upload action says why an empty file cannot be read
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(DOCUMENTS + IMAGES), "aria-describedby": "upload-help"}
        ),
        error_messages={
            "required": "Hãy chọn tệp báo cáo cần tải lên.",
            "missing": "Không nhận được tệp; hãy chọn lại tệp rồi tải lên.",
            "invalid": "Không nhận được tệp; hãy chọn lại tệp rồi tải lên.",
            "max_length": "Tên tệp quá dài.",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name or "").suffix.lower()
        if suffix not in DOCUMENTS + IMAGES:
            raise forms.ValidationError(
                f"Không hỗ trợ định dạng {suffix or '(tệp không có đuôi)'}; hãy tải lên văn bản "
                f"{FORMATS}."
            )
        return upload


class Choice(NamedTuple):
    """A figure's row as the officer left it, or as proposed: the strings the page posts."""

    include: bool
    value: str
    qualifier: str
    cell: str


class ConfirmForm(forms.Form):
    """One row per extracted figure: include it, its value, qualifier and the cell it fills.

    Only the figures of one page have fields; the others count with the choices stored when the
    officer left their page (`ImportedDocument.choices`), or as proposed if never opened.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        document: ImportedDocument,
        sheet: Sheet,
        *args,
        page: FigurePage | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        self.sheet = sheet
        self.page = page or document.page(1)
        # Choices of other pages to keep, filled by rebased() after a stale save.
        self.unticked: dict[int, dict] = {}
        self.marks = edit_marks(sheet.report)
        self.cells = {cell.field_suffix: cell for cell in sheet.cells}
        self.defaults = self._defaults()
        choices = [("", "— Chưa gán chỉ tiêu —")]
        choices += [(cell.field_suffix, cell_label(cell)) for cell in sheet.cells]
        for i in self.page.indexes:
            start = self._stored(i) or self.defaults[i]
            self.fields[f"include_{i}"] = forms.BooleanField(
                label="Đưa vào báo cáo", required=False, initial=start.include
            )
            self.fields[f"value_{i}"] = forms.CharField(
                label="Giá trị", max_length=30, initial=start.value
            )
            self.fields[f"qualifier_{i}"] = QualifierField(label="Mức độ", initial=start.qualifier)
            self.fields[f"cell_{i}"] = forms.ChoiceField(
                label="Chỉ tiêu", choices=choices, required=False, initial=start.cell
            )

    def _defaults(self) -> list[Choice]:
        """Every figure as proposed: in the cell the extractor found, ticked unless a corrected
        value the proposal would change waits for a deliberate tick."""
        figures = self.document.figures
        found = {code: self.sheet.find(code) for code in {f["indicator"] for f in figures} if code}
        proposed = [found.get(figure["indicator"]) for figure in figures]
        compared = self._proposals(
            (cell.field_suffix, figure["value"], figure["qualifier"])
            for cell, figure in zip(proposed, figures, strict=True)
            if cell is not None
        )
        return [
            Choice(
                include=cell is not None and not compared[cell.key].kept_by_default,
                value=format_number(figure["value"]),
                # Documents read before the word was kept have none: the kind's default word.
                qualifier=qualifier_choice(figure["qualifier"], figure.get("qualifier_word", "")),
                cell=cell.field_suffix if cell else "",
            )
            for cell, figure in zip(proposed, figures, strict=True)
        ]

    def _stored(self, i: int) -> Choice | None:
        stored = self.document.choices.get(str(i))
        return Choice(**stored) if stored else None

    def choice(self, i: int) -> Choice:
        """Figure i as it stands: on this page as shown or posted, elsewhere as stored or proposed."""
        if i not in self.page.indexes:
            return self._stored(i) or self.defaults[i]
        return Choice(
            include=bool(self[f"include_{i}"].value()),
            value=str(self[f"value_{i}"].value() or ""),
            qualifier=str(self[f"qualifier_{i}"].value() or "exact"),
            cell=str(self[f"cell_{i}"].value() or ""),
        )

    def page_choices(self) -> dict[int, dict]:
        """This page's rows as posted, to keep when the officer moves to another page."""
        return {i: self.choice(i)._asdict() for i in self.page.indexes}

    def _proposals(self, rows: Iterable[tuple[str, Number, str]]) -> dict[CellKey, Comparison]:
        """(cell suffix, value, qualifier choice) rows added up by cell, beside the cell's
        current value."""
        by_cell: dict[str, list[Figure]] = {}
        for suffix, value, choice in rows:
            by_cell.setdefault(suffix, []).append(
                Figure(Decimal(str(value)), *_kind_and_word(choice))
            )
        proposals = {}
        for suffix, parts in by_cell.items():
            total = add(parts)
            proposals[self.cells[suffix].key] = Proposal(total.value, total.qualifier)
        return compare(self.sheet, proposals, self.marks)

    @cached_property
    def _targets(self) -> dict[int, tuple[str, Comparison]]:
        """Each figure shown for a cell (on any page, ticked or not): the cell and its comparison.

        Every figure shown for a cell counts in its proposal, ticked or not, so the mark that a
        proposal differs does not come and go with the ticks.
        """
        shown = []
        for i in range(len(self.document.figures)):
            choice = self.choice(i)
            value = parse_number(choice.value)
            if choice.cell in self.cells and value is not None:
                shown.append((i, choice.cell, value, choice.qualifier))
        comparisons = self._proposals((suffix, value, q) for _, suffix, value, q in shown)
        return {i: (suffix, comparisons[self.cells[suffix].key]) for i, suffix, _, _ in shown}

    @cached_property
    def _proposed_names(self) -> dict[str, str]:
        """The name and unit of each indicator the extractor proposed, by code."""
        codes = {figure["indicator"] for figure in self.document.figures if figure["indicator"]}
        return {i.code: str(i) for i in Indicator.objects.filter(code__in=codes)}

    def rows(self) -> list[dict]:
        """This page's figures, each beside its sentence and the current value of the cell it fills."""
        out = []
        text = self.document.text
        for i in self.page.indexes:
            figure = self.document.figures[i]
            target, comparison = self._targets.get(i, ("", None))
            out.append(
                {
                    "index": i,
                    "figure": figure,
                    "passage": passage(text, figure["start"], figure["end"]),
                    "proposed": self._proposed_names.get(figure["indicator"], ""),
                    "ocr": ocr_mark(figure),
                    "include": self[f"include_{i}"],
                    "value": self[f"value_{i}"],
                    "qualifier": self[f"qualifier_{i}"],
                    "written": written_word(figure["qualifier"], figure.get("qualifier_word", ""))
                    or EXACT_WORD,
                    "cell": self[f"cell_{i}"],
                    "target": target,
                    "comparison": comparison,
                }
            )
        return out

    def _tally(self, indexes: Iterable[int]) -> tuple[set[str], set[str], set[str]]:
        """Of these figures: the cells included, those an inclusion changes, those kept by default."""
        included, changed, kept = set(), set(), set()
        for i in indexes:
            if i not in self._targets:
                continue
            target, comparison = self._targets[i]
            if comparison.kept_by_default:
                kept.add(target)
            if self.choice(i).include:
                included.add(target)
                if comparison.differs or not comparison.current:
                    changed.add(target)
        return included, changed, kept

    def _kept_by_default(self) -> set[CellKey]:
        """Corrected cells some figure proposes to change: kept unless ticked."""
        return {self.cells[target].key for target in self._tally(self._targets)[2]}

    def preview(self) -> ChangeCount:
        """What confirming all pages as they stand would change, for the line above the button."""
        included, changed, kept = self._tally(range(len(self.document.figures)))
        return ChangeCount(len(changed), len(kept - included))

    def off_page(self) -> dict[str, str]:
        """The other pages' part of the count, for the script that recounts as boxes are ticked."""
        on_page = set(self.page.indexes)
        others = (i for i in range(len(self.document.figures)) if i not in on_page)
        included, changed, kept = self._tally(others)
        return {
            "included": " ".join(included),
            "changed": " ".join(changed),
            "kept": " ".join(kept),
        }

    def pages_summary(self) -> str:
        """How many figures of how many pages the confirmation enters, for documents of several."""
        included = sum(self.choice(i).include for i in range(len(self.document.figures)))
        opened = {int(i) // FIGURES_PER_PAGE + 1 for i in self.document.choices}
        opened.add(self.page.number)
        text = (
            f"Xác nhận sẽ đưa vào báo cáo {included} trong {len(self.document.figures)} số liệu "
            f"của cả {self.page.count} trang"
        )
        unopened = self.page.count - len(opened)
        return (
            f"{text}; {unopened} trang chưa mở theo đề xuất của hệ thống."
            if unopened
            else f"{text}."
        )

    def rebased(self, sheet: Sheet) -> ConfirmForm:
        """This form again on the report as stored now, after a save refused as stale: the
        current version, and figures for a cell someone corrected meanwhile unticked again
        (on other pages too: `unticked` holds their stored choices to keep)."""
        data = dict(self.data.items())  # a QueryDict's items() give each field's one value
        data["version"] = sheet.report.version
        fresh = ConfirmForm(self.document, sheet, data=data, page=self.page)
        unticked = {}
        for i, (_, comparison) in fresh._targets.items():
            if not comparison.kept_by_default:
                continue
            if i in self.page.indexes:
                data.pop(f"include_{i}", None)
            elif str(i) in self.document.choices:
                unticked[i] = {**self.document.choices[str(i)], "include": False}
        self.document.choices = {
            **self.document.choices,
            **{str(i): c for i, c in unticked.items()},
        }
        form = ConfirmForm(self.document, sheet, data=data, page=self.page)
        form.unticked = unticked
        return form

    def _row(self, i: int, data: dict) -> tuple[bool, str, str, tuple[str, str] | None]:
        """Figure i for the check: include, cell, value as typed, (kind, word) or None if not
        one of the choices."""
        if i in self.page.indexes:
            return (
                bool(data.get(f"include_{i}")),
                data.get(f"cell_{i}") or "",
                data.get(f"value_{i}") or "",
                data.get(f"qualifier_{i}"),
            )
        choice = self.choice(i)
        try:
            qualifier = parse_qualifier_choice(choice.qualifier)
        except ValueError:
            qualifier = None
        return choice.include, choice.cell, choice.value, qualifier

    def _problem(self, i: int, field: str, message: str) -> None:
        """On this page beside the field; on another page above the form, naming it."""
        if i in self.page.indexes:
            self.add_error(f"{field}_{i}", message)
        else:
            quote = self.document.figures[i]["quote"]
            page = i // FIGURES_PER_PAGE + 1
            self.add_error(None, f"Trang {page}, số liệu “{quote}”: {message}")

    def clean(self) -> dict:
        """Included figures by cell; several figures for one cell are added up ("4 + 01 hội nghị")
        with the qualifier rule of datavalues.figures.add ("hơn 500" + 40 = "hơn 540")."""
        super().clean()
        data = self.cleaned_data
        by_cell: dict[str, list[tuple[int, Figure]]] = {}
        for i in range(len(self.document.figures)):
            include, suffix, typed, qualifier = self._row(i, data)
            if not include:
                continue
            if suffix not in self.cells:
                self._problem(i, "cell", "Chọn chỉ tiêu để đưa số liệu này vào báo cáo.")
                continue
            value = parse_number(typed)
            if value is None or value < 0:
                self._problem(i, "value", "Nhập một số không âm, ví dụ 43.000 hoặc 72,5.")
                continue
            if qualifier is None:
                if i not in self.page.indexes:  # on the page the field says so
                    self._problem(i, "qualifier", "Mức độ không có trong danh sách.")
                continue
            kind, word = qualifier
            by_cell.setdefault(suffix, []).append((i, Figure(Decimal(str(value)), kind, word)))
        self.entries: list[Entry] = []
        for suffix, parts in by_cell.items():
            total = add(figure for _, figure in parts)
            self.entries.append(
                Entry(
                    figures=tuple(i for i, _ in parts),
                    cell=self.cells[suffix].key,
                    value=total.value,
                    qualifier=total.qualifier,
                    qualifier_word=total.word,
                )
            )
        self.kept = self._kept_by_default() - {entry.cell for entry in self.entries}
        self.count = count_changes(
            self.sheet,
            {entry.cell: Proposal(entry.value, entry.qualifier) for entry in self.entries},
            self.kept,
        )
        return data


class WorkbookForm(forms.Form):
    file = forms.FileField(
        label="Tệp mẫu đã điền số liệu",
        help_text="Tệp Excel .xlsx tải từ trang này.",
        allow_empty_file=True,  # xlsx_entry says why an empty file cannot be read
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        error_messages={
            "required": "Hãy chọn tệp mẫu đã điền số liệu.",
            "missing": "Không nhận được tệp; hãy chọn lại tệp rồi tải lên.",
            "invalid": "Không nhận được tệp; hãy chọn lại tệp rồi tải lên.",
            "max_length": "Tên tệp quá dài.",
        },
    )
