"""What a request says about its client, for the audit record and the login throttle."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the peer's, or what our trusted proxies wrote in X-Forwarded-For."""
    peer = request.META.get("REMOTE_ADDR") or None
    hops = settings.TONGHOP_TRUSTED_PROXY_COUNT
    if not hops:
        return peer  # the header is anyone's to write; only the connection is known
    # Each proxy appends the address it saw, so entries left of the last `hops` are the client's
    # own claims; a request that did not pass through every proxy keeps its peer address.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < hops:
        return peer
    try:
        return str(ipaddress.ip_address(forwarded[-hops].strip()))
    except ValueError:
        return peer
