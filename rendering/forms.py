from __future__ import annotations

from django import forms

from rendering.drafting import PlaceholderNames
from rendering.models import DraftedText


class DraftedTextForm(forms.ModelForm):
    """One section's wording, shown and typed with the placeholders' Vietnamese names.

    The text is stored with codes (rendering.drafting explains why); the model's clean() rejects
    typed numbers and unknown placeholders, naming them as the coordinator wrote them.
    """

    class Meta:
        model = DraftedText
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6, "data-placeholders": ""})}

    def __init__(self, *args, names: PlaceholderNames, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.names = names
        if "text" in self.initial:
            self.initial["text"] = names.to_names(self.initial["text"])

    def clean_text(self) -> str:
        return self.names.to_codes(self.cleaned_data["text"])


class SignedPdfForm(forms.Form):
    file = forms.FileField(label="Tệp PDF đã ký số")
