"""Notifications fixtures: a real SMTP server for the module, the mailer pointed at it."""

from __future__ import annotations

import pytest

from notifications.testing import SmtpServer, smtp_mailers


@pytest.fixture(scope="module")
def smtp_server():
    server = SmtpServer()
    server.controller.start()
    yield server
    server.controller.stop()


@pytest.fixture
def smtp(settings, smtp_server) -> SmtpServer:
    """The server, empty, with the default mailer sending to it by SMTP."""
    settings.MAILERS = smtp_mailers(smtp_server.port)
    smtp_server.clear()
    return smtp_server
