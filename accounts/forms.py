from __future__ import annotations

from django import forms


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Tên gợi nhớ",
        max_length=100,
        help_text="Ví dụ: «Bảng tính tổng hợp của phòng» — để biết mã nào dùng ở đâu.",
    )
