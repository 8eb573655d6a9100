from django.apps import AppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as OTPTOTPDefaultConfig

# django-otp's TOTP model carries English names and help texts without gettext: they are
# replaced here, field by field, so that the admin shows them in Vietnamese.
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


class TonghopConfig(AppConfig):
    name = "tonghop"
    verbose_name = "Tổng hợp"
    default = True

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from tonghop.permissions import name_permissions_in_vietnamese

        # Connected after django.contrib.auth's own handler (auth is installed first), which
        # creates the permissions this one renames.
        post_migrate.connect(name_permissions_in_vietnamese)


class TOTPConfig(OTPTOTPDefaultConfig):
    """django-otp's TOTP devices, named in Vietnamese in the admin."""

    verbose_name = "Xác thực hai bước"
    default = False

    def ready(self) -> None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice._meta.verbose_name = "thiết bị xác thực (TOTP)"
        TOTPDevice._meta.verbose_name_plural = "thiết bị xác thực (TOTP)"
        for name, (verbose_name, help_text) in TOTP_FIELD_NAMES.items():
            field = TOTPDevice._meta.get_field(name)
            field.verbose_name = verbose_name
            field.help_text = help_text
