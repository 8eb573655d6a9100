from __future__ import annotations

from django import forms


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Tên gợi nhớ",
        max_length=100,
        help_text="Ví dụ: «Bảng tính tổng hợp của phòng» — để biết mã nào dùng ở đâu.",
    )


class OTPCodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực",
        min_length=6,
        max_length=6,
        help_text="Sáu chữ số đang hiện trong ứng dụng xác thực (Google Authenticator, Microsoft Authenticator, FreeOTP…).",
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
        error_messages={
            "required": "Hãy nhập mã xác thực.",
            "min_length": "Mã xác thực gồm 6 chữ số.",
            "max_length": "Mã xác thực gồm 6 chữ số.",
        },
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError("Mã xác thực gồm 6 chữ số.")
        return code
