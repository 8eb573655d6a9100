"""Rounds as a tree: each round under the request it answers (Round.parent), with its level,
coordinating agency as people name it and how many of its reports are accepted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from agencies.models import Agency
from places.models import Level
from rounds.models import Report, ReportStatus, Round

# The level a round runs at, from its coordinating agency's unit; a level not named here reads
# as a province's, the level rounds have run at since the start.
LEVEL_NAMES: dict[str, str] = {
    Level.COUNTRY: "Bộ",
    Level.PROVINCE: "Tỉnh",
    Level.DISTRICT: "Huyện",
    Level.COMMUNE: "Xã",
}
DEFAULT_LEVEL = "Tỉnh"


def level_name(agency: Agency) -> str:
    """ "Bộ", "Tỉnh", "Huyện" or "Xã": the level of the agency's unit."""
    return LEVEL_NAMES.get(str(agency.unit.level), DEFAULT_LEVEL)


def agency_with_place(agency: Agency) -> str:
    """The agency as people name it: "Sở Y tế tỉnh Bắc Ninh", "Công an tỉnh Bắc Giang", "Bộ Y tế".

    The unit's name is added unless the agency's name already holds it or the unit is the
    country; a name ending in the unit's kind ("Công an tỉnh") takes the bare place name.
    """
    unit = agency.unit
    name = agency.name
    if unit.level == Level.COUNTRY or unit.name in name:
        return name
    full = unit.full_name or unit.name
    kind = full.removesuffix(unit.name).strip()
    if kind and name.lower().endswith(" " + kind.lower()):
        return f"{name} {unit.name}"
    return f"{name} {full[:1].lower()}{full[1:]}"


@dataclass
class RoundNode:
    """One round of the tree, its children under it."""

    round: Round
    level: str
    coordinator: str
    accepted: int
    expected: int
    children: list[RoundNode] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)  # filled by with_reports()

    @property
    def deadline(self) -> dt.date:
        return timezone.localtime(self.round.deadline).date()

    def walk(self, depth: int = 0) -> Iterator[tuple[int, RoundNode]]:
        """(depth, node) for this node and every node below it, parents first."""
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)


def round_tree(rounds: QuerySet[Round]) -> list[RoundNode]:
    """The given rounds as trees; a round whose parent is not among them is a root. Two queries."""
    annotated = rounds.select_related("period", "coordinator", "coordinator__unit").annotate(
        expected_reports=Count("reports", distinct=True),
        accepted_reports=Count(
            "reports", filter=Q(reports__status=ReportStatus.ACCEPTED), distinct=True
        ),
    )
    nodes: dict[int, RoundNode] = {}
    order: list[Round] = sorted(annotated, key=lambda r: (r.period.year, r.deadline, r.pk))
    for round_ in order:
        nodes[round_.pk] = RoundNode(
            round=round_,
            level=level_name(round_.coordinator),
            coordinator=agency_with_place(round_.coordinator),
            accepted=round_.accepted_reports,  # type: ignore[attr-defined]
            expected=round_.expected_reports,  # type: ignore[attr-defined]
        )
    roots: list[RoundNode] = []
    for round_ in order:
        parent = nodes.get(round_.parent_id) if round_.parent_id else None
        (parent.children if parent else roots).append(nodes[round_.pk])
    return roots


def with_reports(roots: list[RoundNode]) -> list[RoundNode]:
    """The same trees, each round's reports listed on its node by agency name. One query."""
    nodes = {node.round.pk: node for root in roots for _, node in root.walk()}
    reports = (
        Report.objects.filter(round_id__in=nodes)
        .select_related("agency", "agency__unit")
        .order_by("agency__name", "pk")
    )
    for report in reports:
        nodes[report.round_id].reports.append(report)
    return roots
