from __future__ import annotations

from django import template

from rounds.models import Report
from rounds.targets import TargetCheck, report_targets

register = template.Library()


@register.simple_tag
def targets_of_report(report: Report) -> list[TargetCheck]:
    """The report's figures against its round's plan targets, for the report page."""
    return report_targets(report)
