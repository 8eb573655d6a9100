from django.contrib import admin

from documents.models import LegalDocument


@admin.register(LegalDocument)
class LegalDocumentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "number", "symbol", "date", "issuer_name"]
    list_filter = ["kind"]
    search_fields = ["number", "symbol", "issuer_name", "summary", "as_written"]
    raw_id_fields = ["issuer"]
    date_hierarchy = "date"
