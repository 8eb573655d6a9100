from django.apps import AppConfig


class TonghopConfig(AppConfig):
    name = "tonghop"
    verbose_name = "Tổng hợp"
