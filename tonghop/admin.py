"""Admin pages of third-party apps, in Vietnamese."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django_otp.plugins.otp_totp import admin as totp_admin  # registers TOTPDeviceAdmin first
from django_otp.plugins.otp_totp.models import TOTPDevice

# django-otp's TOTP model carries English names and help texts without gettext. Renaming the
# model's fields would change its migration state, so the admin's forms and columns take these.
TOTP_FIELD_NAMES = {
    "user": ("tài khoản", "Tài khoản sở hữu thiết bị."),
    "name": ("tên thiết bị", "Tên gọi để nhận ra thiết bị (ví dụ: điện thoại của cán bộ)."),
    "confirmed": ("đã xác nhận", "Thiết bị đã sẵn sàng để đăng nhập."),
    "created_at": ("ngày tạo", "Ngày giờ thiết bị được tạo."),
    "last_used_at": ("lần dùng gần nhất", "Ngày giờ thiết bị được dùng lần gần nhất."),
    "key": ("khóa bí mật", "Khóa bí mật dạng hex, tối đa 40 byte."),
    "step": ("bước thời gian", "Độ dài một bước, tính bằng giây."),
    "t0": ("mốc thời gian", "Thời điểm Unix bắt đầu đếm bước."),
    "digits": ("số chữ số", "Số chữ số của mã."),
    "tolerance": ("dung sai", "Số bước trước hoặc sau được chấp nhận."),
    "drift": ("độ lệch", "Số bước đồng hồ của thiết bị lệch so với máy chủ."),
    "last_t": ("bước đã dùng gần nhất", "Mã tiếp theo phải thuộc một bước sau bước này."),
    "throttling_failure_timestamp": ("lần nhập sai gần nhất", "Thời điểm nhập sai mã gần nhất."),
    "throttling_failure_count": ("số lần nhập sai", "Số lần nhập sai mã liên tiếp."),
}


FIELDSET_TITLES = {
    "Identity": "Thiết bị",
    "Timestamps": "Thời gian",
    "Configuration": "Cấu hình",
    "State": "Trạng thái",
    "Throttling": "Giới hạn nhập sai",
}


def _column(name: str):
    """A list column showing the field under its Vietnamese name."""

    @admin.display(description=TOTP_FIELD_NAMES[name][0], ordering=name)
    def column(*args):  # (device) in list_display, (admin, device) as a read-only field
        return getattr(args[-1], name)

    column.__name__ = f"{name}_vi"
    return column


class TOTPDeviceAdmin(totp_admin.TOTPDeviceAdmin):
    search_help_text = "Tìm theo tên đăng nhập hoặc thư điện tử của tài khoản."
    list_display = [_column(name) for name in totp_admin.TOTPDeviceAdmin.list_display]
    list_filter: list[str] = []  # its filters are titled by the English field names
    readonly_fields = ["created_at_vi", "last_used_at_vi", "qrcode_link"]
    created_at_vi = _column("created_at")
    last_used_at_vi = _column("last_used_at")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in TOTP_FIELD_NAMES:
            field.label, field.help_text = TOTP_FIELD_NAMES[db_field.name]
        return field

    def get_fieldsets(self, request, obj=None):
        shown = {"created_at": "created_at_vi", "last_used_at": "last_used_at_vi"}
        return [
            (
                FIELDSET_TITLES.get(title, title) if title else None,
                options | {"fields": [shown.get(f, f) for f in options["fields"]]},
            )
            for title, options in super().get_fieldsets(request, obj)
        ]

    @admin.display(description="Mã QR")
    def qrcode_link(self, device):
        href = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
        return format_html('<a href="{}">Xem mã QR</a>', href)


admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, TOTPDeviceAdmin)
