from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "rounds"
    verbose_name = "Đợt báo cáo"

    def ready(self) -> None:
        from audit import trail
        from rounds.trail import VALUES

        trail.register(VALUES)  # `tonghop audit verify` checks each stored value against it
