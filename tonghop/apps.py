from django.apps import AppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as OTPTOTPDefaultConfig


class TonghopConfig(AppConfig):
    name = "tonghop"
    verbose_name = "Tổng hợp"
    default = True

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from tonghop import checks  # noqa: F401  (registers the production checks)
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

        # Meta options are not in the model's migration state; field names are, so the fields
        # are named in the admin (tonghop/admin.py) instead.
        TOTPDevice._meta.verbose_name = "thiết bị xác thực (TOTP)"
        TOTPDevice._meta.verbose_name_plural = "thiết bị xác thực (TOTP)"
