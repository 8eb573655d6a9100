"""The request type of the views behind login: `request.user` is a User, never AnonymousUser.

Django types `request.user` as `User | AnonymousUser`; a view under @login_required (or reached
only through one) annotates its request as AuthenticatedRequest instead, the pattern documented
by django-stubs, so the type checker knows what the decorator guarantees.
"""

from __future__ import annotations

from django.http import HttpRequest

from accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User
