from __future__ import annotations

from django.core.management.base import BaseCommand

from rounds.models import Round
from rounds.tree import RoundNode, agency_with_place, round_tree, with_reports

INDENT = "    "


def tree_lines(roots: list[RoundNode], reports: bool = False) -> list[str]:
    """One line per round, children indented under the round they answer; with `reports`,
    each round's reports (agency and status) first under it."""
    lines = []
    for root in roots:
        for depth, node in root.walk():
            lines.append(
                f"{INDENT * depth}{node.level}: {node.coordinator} | {node.round.period} | "
                f"hạn {node.deadline:%d/%m/%Y} | "
                f"đã tiếp nhận {node.accepted}/{node.expected} báo cáo"
            )
            lines += [
                f"{INDENT * (depth + 1)}- {agency_with_place(report.agency)}: "
                f"{report.get_status_display()}"
                for report in (node.reports if reports else [])
            ]
    return lines


class Command(BaseCommand):
    help = "Cây các đợt báo cáo: mỗi đợt một dòng, đợt cấp dưới thụt vào dưới đợt nó trả lời."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="chỉ các đợt của kỳ báo cáo năm này")
        parser.add_argument(
            "--reports",
            action="store_true",
            help="liệt kê dưới mỗi đợt báo cáo của từng cơ quan, đơn vị và trạng thái",
        )

    def handle(self, *args, year: int | None = None, reports: bool = False, **options):
        rounds = Round.objects.all()
        if year is not None:
            rounds = rounds.filter(period__year=year)
        roots = round_tree(rounds)
        lines = tree_lines(with_reports(roots) if reports else roots, reports)
        self.stdout.write("\n".join(lines) if lines else "Chưa có đợt báo cáo nào.")
