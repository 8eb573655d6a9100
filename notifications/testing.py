"""A real SMTP server for the tests (aiosmtpd, in a thread), and pointing the mailer at it."""

from __future__ import annotations

import email
import email.policy
import logging
import socket
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A local port nothing listens on (as long as nobody takes it in between)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Received:
    """aiosmtpd handler: keeps each message received, with its envelope's recipients."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[list[str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.envelopes.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self) -> None:
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
        self.received = Received()
        self.port = free_port()
        self.controller = Controller(self.received, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[EmailMessage]:
        return self.received.messages

    def clear(self) -> None:
        self.received.messages.clear()
        self.received.envelopes.clear()


def smtp_mailers(port: int) -> dict[str, dict[str, object]]:
    """The MAILERS setting for an SMTP server on this machine's port."""
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


def _part(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert isinstance(part, EmailMessage)
    return part.get_content().replace("\r\n", "\n")  # SMTP's line ends


def plain(message: EmailMessage) -> str:
    return _part(message, "plain")


def html(message: EmailMessage) -> str:
    return _part(message, "html")
