"""Forms of the analytics pages."""

from __future__ import annotations

from django import forms


class WorkbookForm(forms.Form):
    file = forms.FileField(
        label="Tệp mẫu đã điền số liệu",
        help_text="Tệp Excel .xlsx tải từ trang này.",
        allow_empty_file=True,  # bulk_entry says why an empty file cannot be read
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        error_messages={
            "required": "Hãy chọn tệp mẫu đã điền số liệu.",
            "missing": "Không nhận được tệp; hãy chọn lại tệp rồi tải lên.",
            "invalid": "Không nhận được tệp; hãy chọn lại tệp rồi tải lên.",
            "max_length": "Tên tệp quá dài.",
        },
    )
