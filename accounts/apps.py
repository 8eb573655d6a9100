from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Tài khoản"
    default = True


class OTPAdminConfig(admin_apps.AdminConfig):
    """The admin site, open only to staff whose session has passed the TOTP step."""

    default = False
    default_site = "django_otp.admin.OTPAdminSite"
