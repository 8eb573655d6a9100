"""The upload form and the form that confirms extracted figures into the report."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django import forms

from analytics.rollup import Figure, add
from datavalues.forms import QualifierField
from datavalues.models import EXACT_WORD, parse_qualifier_choice, qualifier_choice, written_word
from imports.actions import Entry
from imports.extraction.readers import SUPPORTED
from imports.models import ImportedDocument
from imports.overwrite import (
    ChangeCount,
    Comparison,
    Proposal,
    compare,
    count_changes,
    edit_marks,
)
from lib.vnformat import Number, format_number
from lib.vnnumbers import parse_number
from rounds.sheet import CellKey, Sheet

ACCEPT = ".docx,.pdf,.txt,.md,.doc,.odt"


def _kind_and_word(choice: str) -> tuple[str, str]:
    """A qualifier choice as typed on the page; a choice that is none counts as exact (the
    field itself reports it)."""
    try:
        return parse_qualifier_choice(choice)
    except ValueError:
        return "exact", ""


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp báo cáo",
        help_text=f"Định dạng {SUPPORTED}. Tệp gốc không được lưu trên hệ thống.",
        allow_empty_file=True,  # the extractor says why an empty file cannot be read
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "required": "Hãy chọn tệp báo cáo cần tải lên.",
            "missing": "Không nhận được tệp; hãy chọn lại tệp rồi tải lên.",
            "invalid": "Không nhận được tệp; hãy chọn lại tệp rồi tải lên.",
            "max_length": "Tên tệp quá dài.",
        },
    )


class ConfirmForm(forms.Form):
    """One row per extracted figure: include it, its value, qualifier and the cell it fills."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, document: ImportedDocument, sheet: Sheet, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        self.sheet = sheet
        self.marks = edit_marks(sheet.report)
        self.cells = {cell.field_suffix: cell for cell in sheet.cells}
        choices = [("", "— Chưa gán chỉ tiêu —")]
        choices += [(cell.field_suffix, cell.label) for cell in sheet.cells]
        proposed = [
            sheet.find(figure["indicator"]) if figure["indicator"] else None
            for figure in document.figures
        ]
        defaults = self._proposals(
            (cell.field_suffix, figure["value"], figure["qualifier"])
            for cell, figure in zip(proposed, document.figures, strict=True)
            if cell is not None
        )
        for i, (figure, cell) in enumerate(zip(document.figures, proposed, strict=True)):
            # A corrected value the proposal would change waits for a deliberate tick.
            kept = cell is not None and defaults[cell.key].kept_by_default
            self.fields[f"include_{i}"] = forms.BooleanField(
                label="Đưa vào báo cáo", required=False, initial=cell is not None and not kept
            )
            self.fields[f"value_{i}"] = forms.CharField(
                label="Giá trị", max_length=30, initial=format_number(figure["value"])
            )
            # Documents read before the word was kept have none: the kind's default word.
            word = figure.get("qualifier_word", "")
            self.fields[f"qualifier_{i}"] = QualifierField(
                label="Mức độ", initial=qualifier_choice(figure["qualifier"], word)
            )
            self.fields[f"cell_{i}"] = forms.ChoiceField(
                label="Chỉ tiêu",
                choices=choices,
                required=False,
                initial=cell.field_suffix if cell else "",
            )

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

    def _shown_rows(self) -> list[tuple[int, str, Number, str]]:
        """Each figure's cell, value and qualifier as the page shows them (typed or proposed)."""
        out = []
        for i in range(len(self.document.figures)):
            suffix = self[f"cell_{i}"].value() or ""
            value = parse_number(str(self[f"value_{i}"].value() or ""))
            if suffix in self.cells and value is not None:
                out.append((i, suffix, value, self[f"qualifier_{i}"].value() or "exact"))
        return out

    def rows(self) -> list[dict]:
        """The figures, each beside the current value of the cell it fills.

        Every figure shown for a cell counts in its proposal, ticked or not, so the mark that a
        proposal differs does not come and go with the ticks.
        """
        shown = self._shown_rows()
        comparisons = self._proposals((suffix, value, q) for _, suffix, value, q in shown)
        cell_of = {i: self.cells[suffix] for i, suffix, _, _ in shown}
        return [
            {
                "index": i,
                "figure": figure,
                "include": self[f"include_{i}"],
                "value": self[f"value_{i}"],
                "qualifier": self[f"qualifier_{i}"],
                "written": written_word(figure["qualifier"], figure.get("qualifier_word", ""))
                or EXACT_WORD,
                "cell": self[f"cell_{i}"],
                "target": cell_of[i].field_suffix if i in cell_of else "",
                "comparison": comparisons[cell_of[i].key] if i in cell_of else None,
            }
            for i, figure in enumerate(self.document.figures)
        ]

    def _kept_by_default(self, rows: list[dict]) -> set[CellKey]:
        """Corrected cells some figure proposes to change: kept unless ticked."""
        return {
            self.cells[row["target"]].key
            for row in rows
            if row["comparison"] and row["comparison"].kept_by_default
        }

    def preview(self) -> ChangeCount:
        """What confirming the page as it stands would change, for the line above the button."""
        rows = self.rows()
        included = [row for row in rows if row["target"] and row["include"].value()]
        changed = {
            row["target"]
            for row in included
            if row["comparison"].differs or not row["comparison"].current
        }
        kept = self._kept_by_default(rows) - {self.cells[row["target"]].key for row in included}
        return ChangeCount(len(changed), len(kept))

    def rebased(self, sheet: Sheet) -> ConfirmForm:
        """This form again on the report as stored now, after a save refused as stale: the
        current version, and figures for a cell someone corrected meanwhile unticked again."""
        data = self.data.copy()
        data["version"] = sheet.report.version
        fresh = ConfirmForm(self.document, sheet, data=data)
        for row in fresh.rows():
            if row["comparison"] and row["comparison"].kept_by_default:
                data.pop(f"include_{row['index']}", None)
        return ConfirmForm(self.document, sheet, data=data)

    def clean(self) -> dict:
        """Included figures by cell; several figures for one cell are added up ("4 + 01 hội nghị")
        with the qualifier rule of analytics.rollup.add ("hơn 500" + 40 = "hơn 540")."""
        data = super().clean()
        by_cell: dict[str, list[tuple[int, Figure]]] = {}
        for i in range(len(self.document.figures)):
            if not data.get(f"include_{i}"):
                continue
            suffix = data.get(f"cell_{i}") or ""
            if suffix not in self.cells:
                self.add_error(f"cell_{i}", "Chọn chỉ tiêu để đưa số liệu này vào báo cáo.")
                continue
            value = parse_number(data.get(f"value_{i}") or "")
            if value is None or value < 0:
                self.add_error(f"value_{i}", "Nhập một số không âm, ví dụ 43.000 hoặc 72,5.")
                continue
            if f"qualifier_{i}" not in data:
                continue  # not one of the choices: the field says so
            qualifier, word = data[f"qualifier_{i}"]
            by_cell.setdefault(suffix, []).append((i, Figure(Decimal(str(value)), qualifier, word)))
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
        self.kept = self._kept_by_default(self.rows()) - {entry.cell for entry in self.entries}
        self.count = count_changes(
            self.sheet,
            {entry.cell: Proposal(entry.value, entry.qualifier) for entry in self.entries},
            self.kept,
        )
        return data
