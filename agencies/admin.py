from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from agencies.models import Agency, Signer, UsualRecipient


class SignerFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        """Two new rows marked default would pass each row's check and fail at the database."""
        super().clean()
        defaults = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_default") and not form.cleaned_data.get("DELETE")
        ]
        if len(defaults) > 1:
            raise ValidationError("Mỗi cơ quan, đơn vị chỉ có một người ký mặc định.")


class SignerInline(admin.TabularInline):
    model = Signer
    formset = SignerFormSet
    fields = ["order", "title", "name", "is_default"]
    extra = 1


class UsualRecipientInline(admin.TabularInline):
    model = UsualRecipient
    fields = ["order", "name"]
    extra = 1


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "kind", "parent", "unit", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    raw_id_fields = ["unit", "parent"]
    list_select_related = ["parent", "unit"]
    fields = ["name", "short_name", "code", "kind", "parent", "unit", "drafting_unit", "is_active"]
    inlines = [SignerInline, UsualRecipientInline]
