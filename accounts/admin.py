from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import User


@admin.register(User)
class TonghopUserAdmin(UserAdmin):
    list_display = ["username", "get_full_name", "role", "agency", "is_active"]
    list_filter = ["role", "is_active", "agency"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Vai trò trong tonghop", {"fields": ["role", "agency", "position"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        ("Vai trò trong tonghop", {"fields": ["role", "agency", "position"]}),
    ]
