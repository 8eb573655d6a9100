"""Workflow events, for the apps above rounds that act on them (notifications).

rounds may not import those apps (the layer contract in pyproject.toml), so the actions announce
what they did and the apps connect receivers. Each signal is sent inside the action's
transaction, after its writes: a receiver's rows roll back with the action, and whatever a
receiver sends out of the process (e-mail) belongs in transaction.on_commit.
"""

from __future__ import annotations

from django.dispatch import Signal

# report: the Report just submitted; by: the officer who submitted it.
report_submitted = Signal()
# report, by, action ("return", "accept" or "reopen", as in the audit), comment ("" if none).
report_reviewed = Signal()
# round_: the Round; reports: its reports not submitted yet; by: the coordinator who reminded.
reminders_sent = Signal()
