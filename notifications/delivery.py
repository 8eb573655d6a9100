"""Notices delivered: a row in each recipient's list now, an e-mail once the action commits."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.template.loader import render_to_string

from lib.mail import Letter
from notifications.models import Notification
from notifications.notices import Notice

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """A link for a letter, read outside the site: TONGHOP_BASE_URL and the path."""
    return settings.TONGHOP_BASE_URL.rstrip("/") + path


def letters(notice: Notice) -> list[EmailMultiAlternatives]:
    """One e-mail per recipient with an address, in plain text and simple HTML."""
    context = {"notice": notice, "url": absolute_url(notice.link)}
    text = render_to_string("notifications/email/notice.txt", context)
    html = render_to_string("notifications/email/notice.html", context)
    messages: list[EmailMultiAlternatives] = []
    for user in notice.recipients:
        if user.email:
            message = Letter(notice.subject, text, None, [user.email])
            message.attach_alternative(html, "text/html")
            messages.append(message)
    return messages


def send_letters(messages: Sequence[EmailMultiAlternatives]) -> None:
    """Send; a mail server that fails is logged, never raised: the action has been done."""
    try:
        mailers.default.send_messages(list(messages))
    except (smtplib.SMTPException, OSError):
        logger.exception("Không gửi được %d thư thông báo", len(messages))


def deliver(notices: Sequence[Notice]) -> None:
    """Store each notice for its recipients and mail it when the transaction commits.

    Called inside the action's transaction: a rolled-back action leaves no row and sends nothing.
    """
    Notification.objects.bulk_create(
        Notification(recipient=user, kind=n.kind, text=n.text, link=n.link)
        for n in notices
        for user in n.recipients
    )
    messages = [message for notice in notices for message in letters(notice)]
    if messages:
        transaction.on_commit(lambda: send_letters(messages))
