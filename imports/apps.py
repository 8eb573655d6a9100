from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = "Nhập báo cáo"

    def ready(self) -> None:
        from django.core import checks

        from imports.checks import ocr_installed

        checks.register(ocr_installed)
