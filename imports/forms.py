"""The upload form and the form that confirms extracted figures into the report."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from analytics.rollup import Figure, add
from datavalues.forms import QualifierField
from datavalues.models import EXACT_WORD, qualifier_choice, written_word
from imports.actions import Entry
from imports.extraction.readers import SUPPORTED
from imports.models import ImportedDocument
from lib.vnformat import format_number
from lib.vnnumbers import parse_number
from rounds.sheet import Sheet

ACCEPT = ".docx,.pdf,.txt,.md,.doc,.odt"


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
        self.cells = {cell.field_suffix: cell for cell in sheet.cells}
        choices = [("", "— Chưa gán chỉ tiêu —")]
        choices += [(cell.field_suffix, cell.label) for cell in sheet.cells]
        for i, figure in enumerate(document.figures):
            cell = sheet.find(figure["indicator"]) if figure["indicator"] else None
            self.fields[f"include_{i}"] = forms.BooleanField(
                label="Đưa vào báo cáo", required=False, initial=cell is not None
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

    def rows(self) -> list[dict]:
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
            }
            for i, figure in enumerate(self.document.figures)
        ]

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
        return data
