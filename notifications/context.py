"""The bell's count in every page's context (notifications/_bell.html)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from notifications.models import Notification


def unread_count(request: HttpRequest) -> dict[str, object]:
    """The user's unread notifications, counted by one query on the first use in the page:
    a page that does not show the bell costs nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient=user).unread().count()
        )
    }
