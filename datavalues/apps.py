from django.apps import AppConfig


class DatavaluesConfig(AppConfig):
    name = "datavalues"
    verbose_name = "Số liệu"
