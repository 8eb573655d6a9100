"""The workflow's signals (rounds.signals) turned into notices; connected by the app's ready()."""

from __future__ import annotations

from typing import Any

from notifications.delivery import deliver
from notifications.notices import reminder_notices, reviewed_notice, submitted_notice
from rounds.models import Report, Round
from rounds.signals import reminders_sent, report_reviewed, report_submitted


def on_submitted(sender: type, *, report: Report, **kwargs: Any) -> None:
    deliver([submitted_notice(report)])


def on_reviewed(sender: type, *, report: Report, action: str, comment: str, **kwargs: Any) -> None:
    deliver([reviewed_notice(report, action, comment)])


def on_reminders(sender: type, *, round_: Round, reports: list[Report], **kwargs: Any) -> None:
    deliver(reminder_notices(round_, reports))


def connect() -> None:
    report_submitted.connect(on_submitted, dispatch_uid="notifications.submitted")
    report_reviewed.connect(on_reviewed, dispatch_uid="notifications.reviewed")
    reminders_sent.connect(on_reminders, dispatch_uid="notifications.reminders")
