"""Forms of the analytics pages: saving a pivot under a name."""

from __future__ import annotations

from django import forms

from analytics.models import SavedView


class SavedViewForm(forms.Form):
    name = forms.CharField(
        label="Tên bảng",
        max_length=120,
        error_messages={
            "required": "Hãy đặt tên cho bảng.",
            "max_length": "Tên bảng dài tối đa %(limit_value)d ký tự (đang có %(show_value)d).",
        },
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Hãy đặt tên cho bảng.")
        # Compared in Python: SQLite's case-insensitive match knows only ASCII ("CỦA", "của").
        taken = SavedView.objects.filter(owner=self.owner).values_list("name", flat=True)
        if name.casefold() in {n.casefold() for n in taken}:
            raise forms.ValidationError(
                f"Bạn đã lưu một bảng tên «{name}»; hãy chọn tên khác hoặc xóa bảng cũ."
            )
        return name
