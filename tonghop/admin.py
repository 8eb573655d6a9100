"""Admin pages of third-party apps, in Vietnamese."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django_otp.plugins.otp_totp import admin as totp_admin  # registers TOTPDeviceAdmin first
from django_otp.plugins.otp_totp.models import TOTPDevice

FIELDSET_TITLES = {
    "Identity": "Thiết bị",
    "Timestamps": "Thời gian",
    "Configuration": "Cấu hình",
    "State": "Trạng thái",
    "Throttling": "Giới hạn nhập sai",
}


class TOTPDeviceAdmin(totp_admin.TOTPDeviceAdmin):
    search_help_text = "Tìm theo tên đăng nhập hoặc thư điện tử của tài khoản."

    def get_fieldsets(self, request, obj=None):
        return [
            (FIELDSET_TITLES.get(title, title) if title else None, options)
            for title, options in super().get_fieldsets(request, obj)
        ]

    @admin.display(description="Mã QR")
    def qrcode_link(self, device):
        href = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
        return format_html('<a href="{}">Xem mã QR</a>', href)


admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, TOTPDeviceAdmin)
