"""E-mail whose Vietnamese subjects arrive whole."""

from __future__ import annotations

import email.policy
from email.message import EmailMessage
from email.policy import Policy

from django.core.mail import EmailMultiAlternatives


class Letter(EmailMultiAlternatives):
    """An e-mail whose header lines are not folded.

    Python 3.12's email package (before the fix of CPython gh-144156) may fold a long subject
    between two encoded words and drop the space there: "mại dâm" arrives as "mạidâm". Unfolded,
    a Vietnamese subject arrives whole; RFC 5322 allows 998 characters a line.
    """

    def message(self, *, policy: Policy | None = email.policy.default) -> EmailMessage:
        base = email.policy.default if policy is None else policy
        return super().message(policy=base.clone(max_line_length=998))
