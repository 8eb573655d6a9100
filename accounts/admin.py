from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin

from accounts import actions
from accounts.models import LoginThrottle, User
from accounts.requests import client_ip
from audit.admin import ReadOnlyAdmin


@admin.register(User)
class TonghopUserAdmin(UserAdmin):
    list_display = ["username", "get_full_name", "role", "agency", "is_active"]
    list_filter = ["role", "is_active", "agency"]
    fieldsets = [
        *UserAdmin.fieldsets,  # type: ignore[misc]  # set by UserAdmin; the stubs keep Optional
        ("Vai trò trong tonghop", {"fields": ["role", "agency", "position"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        ("Vai trò trong tonghop", {"fields": ["role", "agency", "position"]}),
    ]
    actions = ["unlock_login"]

    @admin.action(description="Mở khóa đăng nhập (bỏ thời gian chờ sau nhiều lần sai mật khẩu)")
    def unlock_login(self, request, queryset):
        count = actions.unlock_logins(request.user, queryset, ip=client_ip(request))
        self.message_user(request, f"Đã mở khóa đăng nhập {count} tài khoản.", messages.SUCCESS)


@admin.register(LoginThrottle)
class LoginThrottleAdmin(ReadOnlyAdmin):
    """Who is waiting, to see; lifting a wait is the accounts' action, which keeps a record."""

    list_display = ["username", "address", "failures", "last_failure_at"]
    search_fields = ["username", "address"]
