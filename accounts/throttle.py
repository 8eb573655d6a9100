"""The login throttle: wrong passwords make one (username, client address) pair wait, doubling.

The wait only ever applies to the pair that failed, so an attacker elsewhere never locks the
owner out; an attacker behind the same address is slowed to a guess per capped wait, and the
owner skips that wait through the one-time link (accounts/actions.py).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import LoginThrottle


def backoff(failures: int) -> dt.timedelta:
    """The wait owed after `failures` wrong passwords in a row: none below the limit, then doubling."""
    beyond = failures - settings.TONGHOP_LOGIN_FAILURE_LIMIT
    if beyond < 0:
        return dt.timedelta(0)
    cap = settings.TONGHOP_LOGIN_BACKOFF_CAP
    # Past the cap the power of two only grows; stop computing it there.
    if beyond >= 32:
        return cap
    return min(settings.TONGHOP_LOGIN_BACKOFF * 2**beyond, cap)


def _key(username: str, address: str | None) -> dict[str, str]:
    # Usernames are matched case-sensitively at login, but "BDT" and "bdt" share one count so
    # that changing case buys an attacker nothing.
    return {"username": username.strip().lower()[:150], "address": (address or "")[:45]}


def remaining_wait(username: str, address: str | None) -> dt.timedelta:
    """How long this pair must still wait before its next password is checked (zero: none)."""
    row = LoginThrottle.objects.filter(**_key(username, address)).first()
    if row is None:
        return dt.timedelta(0)
    remaining = row.last_failure_at + backoff(row.failures) - timezone.now()
    return max(remaining, dt.timedelta(0))


def record_failure(username: str, address: str | None) -> dt.timedelta:
    """Count one wrong password for the pair; return the wait it now owes."""
    now = timezone.now()
    forgotten = now - settings.TONGHOP_LOGIN_FAILURE_MEMORY
    with transaction.atomic():
        # Old rows of other pairs go here too: attackers' guessed usernames do not pile up.
        LoginThrottle.objects.filter(last_failure_at__lt=forgotten).delete()
        row, _ = LoginThrottle.objects.select_for_update().get_or_create(
            **_key(username, address), defaults={"last_failure_at": now}
        )
        row.failures += 1
        row.last_failure_at = now
        row.save(update_fields=["failures", "last_failure_at"])
    return backoff(row.failures)


def clear(username: str, address: str | None = None) -> int:
    """Forget the pair's failures, or every address's for the username when none is given."""
    key = _key(username, address)
    if address is None:
        del key["address"]
    deleted, _ = LoginThrottle.objects.filter(**key).delete()
    return deleted
