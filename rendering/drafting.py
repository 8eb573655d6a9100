"""Prose drafted from the figures: templates whose numbers are placeholders filled from the data.

An officer may reword a drafted text before the document is issued, but every number in it must
stay a placeholder ({{propaganda_sessions}}, {{year}} ...): `check_template` rejects a number
typed by hand, so a figure printed in an official document always comes from the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from analytics.comparison import earlier_label, format_figure
from catalogue.models import Indicator, ValueType
from datavalues.figures import NO_COMMON_RATE, Figure, rounded
from documents.references import find_references
from lib.vndates import find_dates
from lib.vnformat import format_number
from rendering.figures import DocumentFigures
from rounds.models import Section, Target

PLACEHOLDER = re.compile(r"\{\{\s*([\w.]+)\s*\}\}")
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
GLOBALS = {
    "year": "năm của kỳ báo cáo",
    "previous_year": "năm trước",
    "next_year": "năm sau",
    "reports_counted": "số báo cáo được tổng hợp",
    "reports_asked": "số cơ quan, đơn vị được đề nghị báo cáo",
    "coverage": "số cơ quan, đơn vị có số liệu trên số được đề nghị (4/8 cơ quan, đơn vị)",
}
SUFFIXES = {
    "": "số liệu kỳ này",
    "previous": "số liệu cùng kỳ năm trước",
    "change": "tăng, giảm so với cùng kỳ năm trước, trên cùng các cơ quan, đơn vị",
    "coverage": "với tỷ lệ: số cơ quan, đơn vị có đủ tử số và mẫu số",
    "target": "chỉ tiêu của Kế hoạch",
    "result": "đạt hay chưa đạt chỉ tiêu",
}
MISSING = "(chưa có số liệu)"

# Which section of the outline an indicator group's results belong to, by words of its title.
SECTION_WORDS = {
    "direction": ("chỉ đạo",),
    "propaganda": ("tuyên truyền",),
    "establishments": ("kiểm tra", "quản lý"),
    "inspection": ("kiểm tra", "xử lý vi phạm"),
    "suppression": ("đấu tranh", "triệt phá"),
    "support": ("hỗ trợ",),
}
# How a group's sentence opens in the compiled report; other groups get the generic opening.
GROUP_LEADS = {
    "direction": "các cơ quan, đơn vị đã ban hành, tổ chức",
    "propaganda": "các cơ quan, đơn vị đã tổ chức, thực hiện",
    "establishments": "trên địa bàn tỉnh có",
    "inspection": "công tác kiểm tra, xử lý vi phạm hành chính đạt kết quả:",
    "suppression": "các lực lượng chức năng đã phát hiện, xử lý",
    "support": "công tác hỗ trợ người bán dâm đạt kết quả:",
    "targets": "",
}
GENERIC_LEAD = "các cơ quan, đơn vị báo cáo kết quả:"


class TemplateError(ValueError):
    """A drafted text that would let a hand-typed number or an unknown name into a document."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def section_for_group(group_code: str, sections: list[Section]) -> Section | None:
    """The leaf of the results section whose title speaks of the group, or None."""
    words = SECTION_WORDS.get(group_code, ())
    return next((s for s in sections if any(w in s.title.lower() for w in words)), None)


def results_leaves(outline: list[Section]) -> list[Section]:
    """The sections under the first heading (the results), or that heading if it has none."""
    tops = [s for s in outline if s.parent_id is None]
    if not tops:
        return []
    children = [s for s in outline if s.parent_id == tops[0].pk]
    return children or [tops[0]]


@dataclass(frozen=True)
class Context:
    """The values of every placeholder a round's texts may use."""

    values: dict[str, str]

    @classmethod
    def of(cls, compilation: DocumentFigures) -> Context:
        year = compilation.year
        values = {
            "year": str(year),
            "previous_year": str(year - 1),
            "next_year": str(year + 1),
            "reports_counted": format_number(len(compilation.reports)),
            "reports_asked": format_number(compilation.asked),
        }
        targets = plan_targets(compilation)
        earlier = earlier_label(compilation.round.period)
        values["coverage"] = str(compilation.coverage)
        for indicator in compilation.indicators:
            code = indicator.code
            now = compilation.totals.get(indicator.pk)
            before = compilation.previous.get(indicator.pk)
            target = targets.get(indicator.pk)
            missing = NO_COMMON_RATE if indicator.is_rate else MISSING
            values[code] = format_figure(now, indicator) if now else missing
            values[f"{code}.previous"] = format_figure(before, indicator) if before else missing
            values[f"{code}.change"] = compilation.comparisons[indicator.pk].describe(
                indicator, earlier
            )
            rate = compilation.rates.get(indicator.pk)
            values[f"{code}.coverage"] = rate.note() if rate else str(compilation.coverage)
            values[f"{code}.target"] = format_figure(target, indicator) if target else MISSING
            values[f"{code}.result"] = _result(now and rounded(now, indicator), target)
        return cls(values)

    def fill(self, template: str) -> str:
        """The template with every placeholder replaced; unknown ones are left visible."""
        return PLACEHOLDER.sub(lambda m: self.values.get(m.group(1), m.group(0)), template)


def _result(now: Figure | None, target: Decimal | None) -> str:
    if target is None:
        return "không có chỉ tiêu"
    if now is None:
        return "chưa có số liệu để đánh giá"
    return "đạt chỉ tiêu" if now.value >= target else "chưa đạt chỉ tiêu"


def plan_targets(compilation: DocumentFigures) -> dict[int, Decimal]:
    plan_id = compilation.round.plan_id
    if plan_id is None:
        return {}
    return dict(Target.objects.filter(plan_id=plan_id).values_list("indicator_id", "value"))


def placeholder_names(indicator_codes: Iterable[str]) -> set[str]:
    names = set(GLOBALS)
    for code in indicator_codes:
        names |= {f"{code}.{suffix}" if suffix else code for suffix in SUFFIXES}
    return names


def check_template(text: str, allowed: set[str]) -> None:
    """Raise TemplateError for an unknown placeholder or a number typed outside placeholders.

    Numbers inside a cited document ("Kế hoạch số 21/KH-BCĐ ngày 07/02/2023") or a date are
    allowed: they name a document, they are not figures.
    """
    messages = []
    unknown = sorted({m.group(1) for m in PLACEHOLDER.finditer(text)} - allowed)
    if unknown:
        names = ", ".join(f"{{{{{name}}}}}" for name in unknown)
        messages.append(f"Ô thay thế không có trong số liệu của đợt báo cáo: {names}.")
    bare = PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text)
    spans = [(r.start, r.end) for r in find_references(bare)]
    spans += [(start, end) for start, end, _ in find_dates(bare)]
    typed = [
        m.group(0)
        for m in DIGITS.finditer(bare)
        if not any(start <= m.start() and m.end() <= end for start, end in spans)
    ]
    if typed:
        listed = ", ".join(f"“{number}”" for number in dict.fromkeys(typed))
        messages.append(
            f"Không được gõ trực tiếp con số ({listed}): mọi con số phải lấy từ số liệu qua ô "
            "thay thế, ví dụ {{year}} cho năm báo cáo, {{propaganda_sessions}} cho số hội nghị."
        )
    if messages:
        raise TemplateError(messages)


def default_texts(compilation: DocumentFigures, outline: list[Section]) -> dict[int | None, str]:
    """The drafted text of each section (None: the opening), written from the figures."""
    texts: dict[int | None, list[str]] = {
        None: [
            "Năm {{year}}, có {{reports_counted}}/{{reports_asked}} cơ quan, đơn vị được đề nghị "
            "đã có báo cáo được tổng hợp trong báo cáo này."
        ]
    }
    leaves = results_leaves(outline)
    by_group: dict[str, list[Indicator]] = {}
    for indicator in compilation.indicators:
        if indicator.pk in compilation.totals:
            by_group.setdefault(indicator.group.code, []).append(indicator)
    for group, indicators in by_group.items():
        section = section_for_group(group, leaves)
        key = section.pk if section else None
        texts.setdefault(key, []).append(_group_sentence(group, indicators, compilation))
    targets = plan_targets(compilation)
    if targets:
        texts[None].append(_targets_text(compilation, targets))
    return {key: "\n".join(lines) for key, lines in texts.items()}


def _group_sentence(group: str, indicators: list[Indicator], compilation: DocumentFigures) -> str:
    clauses = []
    for indicator in indicators:
        code, name = indicator.code, lower_first(indicator.name)
        if indicator.value_type == ValueType.COUNT:
            clause = f"{{{{{code}}}}} {name}"
        else:
            clause = f"{name} đạt {{{{{code}}}}}"
        if indicator.is_rate:
            # Never a bare rate: what it stands on goes with it.
            clause += f" ({{{{{code}.coverage}}}})"
        # A rate's change in % of itself would mislead; rates are compared with their targets.
        elif compilation.comparisons[indicator.pk].change_pct is not None:
            clause += f" ({{{{{code}.change}}}})"
        clauses.append(clause)
    lead = GROUP_LEADS.get(group, GENERIC_LEAD)
    # A total over a round some agencies have not answered says whose figures it holds.
    source = "" if compilation.coverage.complete else " theo số liệu của {{coverage}},"
    return f"Năm {{{{year}}}},{source} {lead} {'; '.join(clauses)}.".replace(",  ", ", ")


def _targets_text(compilation: DocumentFigures, targets: dict[int, Decimal]) -> str:
    plan = compilation.round.plan
    assert plan is not None  # the targets are the plan's
    lines = [
        f"Kết quả thực hiện các chỉ tiêu của {plan.get_kind_display()} số {plan.reference_code}:"
    ]
    for indicator in compilation.indicators:
        if indicator.pk in targets:
            code = indicator.code
            computed = indicator.pk in compilation.rates and indicator.pk in compilation.totals
            basis = f" ({{{{{code}.coverage}}}})" if computed else ""
            lines.append(
                f"- {indicator.name}: {{{{{code}}}}}{basis}, chỉ tiêu {{{{{code}.target}}}}, "
                f"{{{{{code}.result}}}}."
            )
    return "\n".join(lines)
