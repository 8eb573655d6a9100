"""The qualifier choice of the forms that take a value: the agency's words, grouped by kind."""

from __future__ import annotations

from django import forms

from datavalues.models import Qualifier, parse_qualifier_choice, qualifier_choices


class QualifierField(forms.TypedChoiceField):
    """A select of the words ("hơn", "ước", ...) under their kind; cleans to (kind, word)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("initial", Qualifier.EXACT)
        super().__init__(
            choices=qualifier_choices(),
            coerce=parse_qualifier_choice,
            # Django returns empty_value as given; the stubs allow only str | None.
            empty_value=(Qualifier.EXACT, ""),  # type: ignore[arg-type]
            error_messages={
                "invalid_choice": "Mức độ «%(value)s» không có trong danh sách; "
                "hãy chọn từ báo cáo viết trước số («hơn», «khoảng», ...) hoặc «chính xác».",
            },
            **kwargs,
        )
