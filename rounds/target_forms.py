"""Forms of the targets page: the plan a round answers and one target of that plan."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from catalogue.models import Indicator
from documents.models import DocumentKind, LegalDocument
from lib.vnnumbers import parse_decimal
from rounds.models import Round, TargetComparison
from rounds.target_actions import TargetInput


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return str(obj)  # the name and unit: "Hội thi tìm hiểu pháp luật (hội thi)"


class PlanForm(forms.Form):
    plan = forms.ModelChoiceField(
        label="Kế hoạch mà đợt báo cáo thực hiện",
        queryset=LegalDocument.objects.filter(kind=DocumentKind.KE_HOACH),
        empty_label="— Chọn kế hoạch —",
        error_messages={
            "required": "Hãy chọn kế hoạch.",
            "invalid_choice": "Kế hoạch đã chọn không có trong danh sách.",
        },
    )


class TargetForm(forms.Form):
    indicator = IndicatorChoiceField(
        label="Chỉ tiêu",
        queryset=Indicator.objects.none(),
        empty_label="— Chọn chỉ tiêu —",
        error_messages={
            "required": "Hãy chọn chỉ tiêu.",
            "invalid_choice": "Chỉ tiêu đã chọn không có trong đợt báo cáo này.",
        },
    )
    comparison = forms.ChoiceField(
        label="So sánh",
        choices=TargetComparison.choices,
        initial=TargetComparison.AT_LEAST,
        error_messages={"invalid_choice": "Cách so sánh phải là ≥, ≤ hoặc =."},
    )
    value = forms.CharField(
        label="Mức mục tiêu",
        max_length=30,
        help_text="Theo đơn vị tính của chỉ tiêu; tỷ lệ ghi số phần trăm, ví dụ 70 hoặc 72,5.",
        error_messages={"required": "Hãy nhập mức mục tiêu."},
    )
    note = forms.CharField(
        label="Lời văn trong kế hoạch",
        max_length=300,
        required=False,
        help_text="Ví dụ: “ít nhất 70% xã, phường tổ chức tuyên truyền thường xuyên”.",
        error_messages={"max_length": "Lời văn dài quá 300 ký tự; hãy rút gọn."},
    )

    def __init__(self, round_: Round, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        indicators = Indicator.objects.filter(roundindicator__round=round_).order_by(
            "roundindicator__order"
        )
        self.fields["indicator"].queryset = indicators  # type: ignore[attr-defined]

    def clean_value(self) -> Decimal:
        try:
            value = parse_decimal(self.cleaned_data["value"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        if value.as_tuple().exponent < -4:  # type: ignore[operator]
            raise forms.ValidationError("Mức mục tiêu có tối đa 4 chữ số sau dấu phẩy.")
        return value

    def target(self) -> TargetInput:
        data = self.cleaned_data
        return TargetInput(data["indicator"], data["comparison"], data["value"], data["note"])
