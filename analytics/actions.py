"""Writes of the analytics pages: saved pivot views, each one audited transaction."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from analytics.models import SavedView
from audit.log import record


def save_view(owner: User, name: str, query: str) -> SavedView:
    """Keep a pivot's query (analytics.pivot.PivotChoice.query) under a name of its owner's."""
    with transaction.atomic():
        view = SavedView.objects.create(owner=owner, name=name, query=query)
        record(owner, "save_view", view)
    return view


def delete_view(owner: User, view: SavedView) -> None:
    with transaction.atomic():
        record(owner, "delete_view", view)
        view.delete()
