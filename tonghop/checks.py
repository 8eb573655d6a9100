"""System checks of the production settings: an HTTPS protection turned off is said out loud.

TONGHOP_PRODUCTION=true turns each on (tonghop/settings.py); a deployer may turn one off with
its variable, for instance behind a proxy that already redirects to HTTPS, and every management
command that runs the checks (`check`, `migrate`) then repeats the warning.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


class Protection(NamedTuple):
    id: str
    variable: str
    setting: str
    consequence: str


PROTECTIONS = (
    Protection(
        "tonghop.W001",
        "SECURE_COOKIES",
        "SESSION_COOKIE_SECURE",
        "the session and CSRF cookies may travel over plain HTTP",
    ),
    Protection(
        "tonghop.W002",
        "SECURE_SSL_REDIRECT",
        "SECURE_SSL_REDIRECT",
        "a page asked over HTTP is served over HTTP instead of redirected to HTTPS",
    ),
    Protection(
        "tonghop.W003",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_SECONDS",
        "browsers are not told to keep to HTTPS (no Strict-Transport-Security)",
    ),
    Protection(
        "tonghop.W004",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_PROXY_SSL_HEADER",
        "the proxy's X-Forwarded-Proto is ignored, so requests behind a TLS proxy look like HTTP",
    ),
)


@register(Tags.security)
def production_protections(**kwargs: Any) -> list[CheckMessage]:
    """A warning for each HTTPS protection a production deployment turned off."""
    if not settings.PRODUCTION:
        return []
    return [
        Warning(
            f"{p.variable} turns off {p.setting} in production: {p.consequence}.",
            hint=f"Unset {p.variable} (TONGHOP_PRODUCTION=true turns it on) unless a proxy "
            "in front does the same; docs/deploy.md, 'HTTPS'.",
            id=p.id,
        )
        for p in PROTECTIONS
        if not getattr(settings, p.setting)
    ]
