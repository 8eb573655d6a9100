"""Permission names in Vietnamese: Django writes them in English ("Can add ...") when it creates them."""

from __future__ import annotations

from django.apps import AppConfig

ACTIONS = {"add": "Được thêm", "change": "Được sửa", "delete": "Được xóa", "view": "Được xem"}


def name_permissions_in_vietnamese(sender: AppConfig, using: str = "default", **kwargs) -> None:
    """post_migrate: rename the default permissions of the app's models, after auth made them."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    for model in sender.get_models():
        content_type = ContentType.objects.db_manager(using).get_for_model(
            model, for_concrete_model=False
        )
        opts = model._meta
        for action, verb in ACTIONS.items():
            Permission.objects.using(using).filter(
                content_type=content_type, codename=f"{action}_{opts.model_name}"
            ).update(name=f"{verb} {opts.verbose_name}"[:255])
