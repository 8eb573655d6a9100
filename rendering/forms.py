from __future__ import annotations

from django import forms

from rendering.models import DraftedText


class DraftedTextForm(forms.ModelForm):
    """One section's wording; the model's clean() rejects typed numbers and unknown placeholders."""

    class Meta:
        model = DraftedText
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}


class SignedPdfForm(forms.Form):
    file = forms.FileField(label="Tệp PDF đã ký số")
