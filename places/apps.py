from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = "Đơn vị hành chính"

    def ready(self) -> None:
        from places import versions

        versions.connect()
