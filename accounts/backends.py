"""Password lockout (django-axes) for every login made through a web request."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):
    """Axes' lockout check; a password checked without a request (shell, tests) is not counted.

    Every web login (our login page, the admin's) passes its request to authenticate(), so
    each of them is counted and locked; only code on the server calls it without one.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
