from __future__ import annotations

from django.core.management.base import BaseCommand

from rounds.models import Round
from rounds.tree import RoundNode, round_tree

INDENT = "    "


def tree_lines(roots: list[RoundNode]) -> list[str]:
    """One line per round, children indented under the round they answer."""
    return [
        f"{INDENT * depth}{node.level}: {node.coordinator} | {node.round.period} | "
        f"hạn {node.deadline:%d/%m/%Y} | đã tiếp nhận {node.accepted}/{node.expected} báo cáo"
        for root in roots
        for depth, node in root.walk()
    ]


class Command(BaseCommand):
    help = "Cây các đợt báo cáo: mỗi đợt một dòng, đợt cấp dưới thụt vào dưới đợt nó trả lời."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="chỉ các đợt của kỳ báo cáo năm này")

    def handle(self, *args, year: int | None = None, **options):
        rounds = Round.objects.all()
        if year is not None:
            rounds = rounds.filter(period__year=year)
        lines = tree_lines(round_tree(rounds))
        self.stdout.write("\n".join(lines) if lines else "Chưa có đợt báo cáo nào.")
