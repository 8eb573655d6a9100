"""The places' version: raised by every write to the places, read by what is derived from them.

Model saves and deletes (the admin, places.changes, tests) raise it through signals; the bulk
writes of places.loader, which send none, raise it themselves.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from places.models import AdministrativeUnit, PlacesVersion, Succession, Transfer

ROW = 1  # the one row (created by the migration that added the table)


def bump() -> None:
    """Raise the version in the current transaction (the row is locked until it ends)."""
    with transaction.atomic():
        if not PlacesVersion.objects.filter(pk=ROW).update(number=F("number") + 1):
            PlacesVersion.objects.bulk_create([PlacesVersion(pk=ROW)], ignore_conflicts=True)
            PlacesVersion.objects.filter(pk=ROW).update(number=F("number") + 1)


def current() -> int:
    return PlacesVersion.objects.filter(pk=ROW).values_list("number", flat=True).first() or 0


def _written(sender, **kwargs) -> None:
    bump()


def _links_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        bump()


def connect() -> None:
    """Called from PlacesConfig.ready."""
    for model in (AdministrativeUnit, Succession, Transfer):
        post_save.connect(_written, sender=model, dispatch_uid=f"places-version-{model}-save")
        post_delete.connect(_written, sender=model, dispatch_uid=f"places-version-{model}-delete")
    m2m_changed.connect(
        _links_changed,
        sender=AdministrativeUnit.successors.through,
        dispatch_uid="places-version-successors",
    )
