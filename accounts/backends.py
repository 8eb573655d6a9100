"""Password login through the throttle (accounts/throttle.py) for every web login."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from accounts import throttle
from accounts.models import User
from accounts.requests import client_ip

# Set on the request when the throttle refuses or begins a wait; the middleware shows the page.
WAIT_ATTRIBUTE = "login_wait"


class ThrottledModelBackend(ModelBackend):
    """Django's password check, refused while the (username, client address) pair must wait.

    Every web login (our login page, the admin's) passes its request to authenticate(), so
    each is counted; a password checked on the server without a request (shell, tests) is not.
    A try during the wait is refused without looking at the password and is not counted, so
    it cannot lengthen the wait.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs,
    ) -> User | None:
        if request is None or username is None:
            return super().authenticate(request, username, password, **kwargs)
        address = client_ip(request)
        wait = throttle.remaining_wait(username, address)
        if wait:
            setattr(request, WAIT_ATTRIBUTE, wait)
            raise PermissionDenied  # stops Django from trying any other backend
        user = super().authenticate(request, username, password, **kwargs)
        if user is None:
            wait = throttle.record_failure(username, address)
            if wait:
                setattr(request, WAIT_ATTRIBUTE, wait)
        else:
            throttle.clear(username, address)
        return user
