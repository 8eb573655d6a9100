"""Prose drafted from the figures: templates whose numbers are placeholders filled from the data.

An officer may reword a drafted text before the document is issued, but every number in it must
stay a placeholder: `check_template` rejects a number typed by hand, so a figure printed in an
official document always comes from the data.

A placeholder has two spellings. Stored texts and the drafting code use codes ({{year}},
{{contests.previous}}); the coordinator reads and types Vietnamese names ({{Năm báo cáo}},
{{Số hội thi tìm hiểu pháp luật - năm trước}}), translated both ways at the editor's form by
`PlaceholderNames`. Storing the codes has fewer moving parts than storing the names: an indicator
renamed in the catalogue leaves every saved text valid, saved texts need no data migration, and
the rendering never reads a name. Both spellings are accepted when typed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from analytics.comparison import Comparison, earlier_label, format_figure
from catalogue.models import Indicator, ValueType
from datavalues.figures import NO_COMMON_RATE, Figure, rounded
from documents.references import find_references
from lib.vndates import find_dates
from lib.vnformat import format_number
from rendering.figures import DocumentFigures
from rendering.narrative import (
    DIRECTIONS,
    PROPOSALS,
    SHORTCOMINGS,
    STRENGTHS,
    Digest,
    digest,
    section_kind,
)
from rendering.phrasing import (
    FIGURE_OPENERS,
    Openings,
    group_body,
    has_phrase,
    indicator_clause,
    lower_first,
    upper_first,
)
from rounds.models import Section, Target, TargetComparison
from rounds.outline import results_leaves, section_for_group
from rounds.targets import ACHIEVED, MISSED, target_status

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
GLOBALS = {
    "year": "năm của kỳ báo cáo",
    "previous_year": "năm trước",
    "next_year": "năm sau",
    "reports_counted": "số báo cáo được tổng hợp",
    "reports_asked": "số cơ quan, đơn vị được đề nghị báo cáo",
    "coverage": "số cơ quan, đơn vị có số liệu trên số được đề nghị (4/8 cơ quan, đơn vị)",
    "reported": "nội dung các cơ quan, đơn vị báo cáo ở mục này, đã quy về từng cơ quan",
}
# The names the coordinator reads and types in the editor (PlaceholderNames); stored texts keep
# the codes.
GLOBAL_NAMES = {
    "year": "năm báo cáo",
    "previous_year": "năm trước",
    "next_year": "năm sau",
    "reports_counted": "số báo cáo đã tổng hợp",
    "reports_asked": "số cơ quan, đơn vị được đề nghị",
    "coverage": "phạm vi số liệu",
    "reported": "nội dung các cơ quan, đơn vị báo cáo",
}
SUFFIX_NAMES = {
    "previous": "năm trước",
    "change": "so với năm trước",
    "coverage": "cơ sở tính tỷ lệ",
    "target": "chỉ tiêu",
    "result": "đạt chỉ tiêu",
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


class TemplateError(ValueError):
    """A drafted text that would let a hand-typed number or an unknown name into a document."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Context:
    """The values of every placeholder a round's texts may use."""

    values: dict[str, str]
    digest: Digest  # per section, what the agencies reported, retold (rendering.narrative)

    @classmethod
    def of(cls, compilation: DocumentFigures, outline: list[Section]) -> Context:
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
            values[f"{code}.change"] = _change(
                compilation.comparisons[indicator.pk], indicator, earlier
            )
            rate = compilation.rates.get(indicator.pk)
            values[f"{code}.coverage"] = rate.note() if rate else str(compilation.coverage)
            values[f"{code}.target"] = (
                TARGET_WORDS[TargetComparison(target.comparison)]
                + format_figure(target.value, indicator)
                if target
                else MISSING
            )
            values[f"{code}.result"] = _result(now and rounded(now, indicator), target)
        return cls(values, digest(compilation.reports, outline, compilation.round.coordinator.name))

    def fill(self, template: str, section: int | None = None) -> str:
        """The template with every placeholder replaced; unknown ones are left visible.

        {{reported}} is the section's own: the agencies' narratives retold.
        """
        reported = "\n".join(self.digest.paragraphs.get(section, [])) if section else ""
        values = self.values | {"reported": reported}
        filled = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
        return "\n".join(line for line in filled.splitlines() if line.strip())


def _change(comparison: Comparison, indicator: Indicator, earlier: str) -> str:
    """The comparison, saying which agencies both years count (the same ones on both sides)."""
    text = comparison.describe(indicator, earlier)
    if comparison.like_for_like and comparison.previous is not None:
        text += f", trên cùng {comparison.agencies_compared} cơ quan, đơn vị có số liệu cả hai năm"
    return text


TARGET_WORDS = {
    TargetComparison.AT_LEAST: "ít nhất ",
    TargetComparison.AT_MOST: "không quá ",
    TargetComparison.EQUAL: "",
}
RESULT_WORDS = {ACHIEVED: "đạt chỉ tiêu", MISSED: "chưa đạt chỉ tiêu"}


def _result(now: Figure | None, target: Target | None) -> str:
    """The verdict of rounds.targets (its comparison: at least, at most, equal) in a sentence."""
    if target is None:
        return "không có chỉ tiêu"
    status = target_status(target.comparison, target.value, now.value if now else None)
    return RESULT_WORDS.get(status, "chưa có số liệu để đánh giá")


def plan_targets(compilation: DocumentFigures) -> dict[int, Target]:
    plan_id = compilation.round.plan_id
    if plan_id is None:
        return {}
    return {t.indicator_id: t for t in Target.objects.filter(plan_id=plan_id)}


def placeholder_codes(indicator_codes: Iterable[str]) -> list[str]:
    """The globals, then each indicator's placeholders (its figure first), in listing order."""
    codes = list(GLOBALS)
    for code in indicator_codes:
        codes += [f"{code}.{suffix}" if suffix else code for suffix in SUFFIXES]
    return codes


def placeholder_names(indicator_codes: Iterable[str]) -> set[str]:
    return set(placeholder_codes(indicator_codes))


def _spelled(name: str) -> str:
    """A typed name as compared: NFC, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def _folded(name: str) -> str:
    """Without case and diacritics, to suggest the name a mistyped one meant."""
    bare = unicodedata.normalize("NFD", name.casefold().replace("đ", "d"))
    return "".join(c for c in bare if not unicodedata.combining(c))


def indicator_label(indicator: Indicator) -> str:
    """ "Số hội thi tìm hiểu pháp luật" for a count, the name itself for money or a rate."""
    name = _spelled(indicator.name)
    if indicator.value_type == ValueType.COUNT and not name.lower().startswith("số "):
        return f"Số {lower_first(name)}"
    return name


@dataclass(frozen=True)
class PlaceholderNames:
    """The Vietnamese name of each placeholder of a round, unique, and the way back to codes."""

    by_code: dict[str, str]

    @classmethod
    def of(cls, indicators: Iterable[Indicator]) -> PlaceholderNames:
        indicators = list(indicators)
        named = {code: upper_first(name) for code, name in GLOBAL_NAMES.items()}
        for indicator in indicators:
            label = indicator_label(indicator)
            for suffix, words in SUFFIX_NAMES.items():
                named[f"{indicator.code}.{suffix}"] = f"{label} - {words}"
            named[indicator.code] = label
        order = placeholder_codes(i.code for i in indicators)
        # Two names alike but for case or diacritics are told apart by their codes.
        folded = [_folded(name) for name in named.values()]
        return cls(
            {
                code: named[code]
                if folded.count(_folded(named[code])) == 1
                else f"{named[code]} ({code})"
                for code in order
            }
        )

    @property
    def codes(self) -> dict[str, str]:
        return {name: code for code, name in self.by_code.items()}

    def to_names(self, template: str) -> str:
        """The stored template as the coordinator reads it; unknown placeholders unchanged."""
        return PLACEHOLDER.sub(
            lambda m: (
                "{{" + self.by_code[m.group(1)] + "}}" if m.group(1) in self.by_code else m.group(0)
            ),
            template,
        )

    def to_codes(self, text: str) -> str:
        """The typed text (NFC) with names replaced by codes; codes and unknown names unchanged."""
        codes = self.codes

        def code(match: re.Match[str]) -> str:
            name = _spelled(match.group(1))
            return "{{" + codes[name] + "}}" if name in codes else match.group(0)

        return PLACEHOLDER.sub(code, unicodedata.normalize("NFC", text))


def closest_name(name: str, allowed: Iterable[str]) -> str | None:
    """The allowed name a mistyped one most likely meant, ignoring case and diacritics."""
    by_folded = {_folded(a): a for a in sorted(allowed)}
    found = difflib.get_close_matches(_folded(name), list(by_folded), n=1, cutoff=0.6)
    return by_folded[found[0]] if found else None


def check_template(text: str, allowed: set[str]) -> None:
    """Raise TemplateError for an unknown placeholder or a number typed outside placeholders.

    Numbers inside a cited document ("Kế hoạch số 21/KH-BCĐ ngày 07/02/2023") or a date are
    allowed: they name a document, they are not figures. `allowed` holds the names the text is
    written with (codes, or the Vietnamese names of PlaceholderNames).
    """
    messages = []
    for name in sorted({m.group(1) for m in PLACEHOLDER.finditer(text)} - allowed):
        message = f"Không có ô thay thế {{{{{name}}}}} trong số liệu của đợt báo cáo"
        closest = closest_name(name, allowed)
        hint = f"có phải ý là {{{{{closest}}}}}?" if closest else "xem danh sách ô thay thế."
        messages.append(f"{message}; {hint}")
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
        year = "{{Năm báo cáo}}" if "Năm báo cáo" in allowed else "{{year}}"
        messages.append(
            f"Không được gõ trực tiếp con số ({listed}): mọi con số phải lấy từ số liệu qua ô "
            f"thay thế, ví dụ {year} cho năm báo cáo."
        )
    if messages:
        raise TemplateError(messages)


def default_texts(
    compilation: DocumentFigures, outline: list[Section], reported: Digest
) -> dict[int | None, str]:
    """The drafted text of each section (None: the opening), in the department's voice.

    Figures are placeholders worded by their indicator's phrase (rendering.phrasing); what the
    agencies wrote comes in through {{reported}} (`reported`, the Context's digest), where the
    section has any.
    """
    openings = Openings()
    texts: dict[int | None, list[str]] = {
        None: [
            "Đến thời điểm tổng hợp, {{reports_counted}}/{{reports_asked}} cơ quan, đơn vị được "
            "đề nghị đã có báo cáo được đưa vào tổng hợp."
        ]
    }
    leaves = results_leaves(outline)
    by_group: dict[str, list[Indicator]] = {}
    for indicator in compilation.indicators:
        if indicator.pk in compilation.totals:
            by_group.setdefault(indicator.group.code, []).append(indicator)
    by_section: dict[int | None, list[str]] = {}
    for group in by_group:
        section = section_for_group(group, leaves)
        by_section.setdefault(section.pk if section else None, []).append(group)
    figures: dict[int | None, list[str]] = {}
    # Openings are handed out in reading order: the opening text, then the outline.
    for key in [None, *(s.pk for s in outline)]:
        figures[key] = [
            _group_sentence(group, by_group[group], compilation, openings)
            for group in by_section.get(key, [])
        ]
    texts[None] += figures.pop(None)
    targets = plan_targets(compilation)
    if targets:
        texts[None].append(_targets_text(compilation, targets))
    coordinator = compilation.round.coordinator
    for section in outline:
        kind = section_kind(section)
        has_children = any(s.parent_id == section.pk for s in outline)
        lines = figures.get(section.pk, []) + _department_lines(
            kind, compilation, reported, section
        )
        if reported.paragraphs.get(section.pk):
            lines.append("{{reported}}")
        elif not lines and not has_children:
            lines.append("Các cơ quan, đơn vị chưa báo cáo nội dung này.")
        if kind == DIRECTIONS:
            lines.append(
                f"{coordinator.name} theo dõi, đôn đốc các cơ quan, đơn vị thực hiện và tổng "
                "hợp, báo cáo theo quy định."
            )
        if lines:
            texts[section.pk] = lines
    if leaves and (leaves[-1].pk in texts or any(figures.values())):
        texts.setdefault(leaves[-1].pk, []).append(
            "Số liệu chi tiết của từng cơ quan, đơn vị tại Phụ lục I kèm theo báo cáo này."
        )
    return {key: "\n".join(lines) for key, lines in texts.items()}


def _department_lines(
    kind: str, compilation: DocumentFigures, reported: Digest, section: Section
) -> list[str]:
    """How the department opens an assessment, directions or proposals section."""
    coordinator = compilation.round.coordinator
    if kind == STRENGTHS:
        return [
            "Qua báo cáo của các cơ quan, đơn vị, công tác phòng, chống mại dâm "
            f"{_period(compilation)} có những ưu điểm sau:"
        ]
    if kind == SHORTCOMINGS:
        return ["Tuy nhiên, các cơ quan, đơn vị cũng nêu một số tồn tại, hạn chế sau:"]
    if kind == DIRECTIONS:
        return ["Năm {{next_year}}, các cơ quan, đơn vị tiếp tục thực hiện các nhiệm vụ sau:"]
    if kind == PROPOSALS and reported.has_proposals(section):
        return [
            f"Trên cơ sở kiến nghị của các cơ quan, đơn vị, {coordinator.name} đề xuất như sau:"
        ]
    if kind == PROPOSALS:
        parent = coordinator.parent.name if coordinator.parent else "cấp trên"
        return [
            f"Đề nghị {parent} tiếp tục quan tâm chỉ đạo các sở, ban, ngành và địa phương "
            "thực hiện có hiệu quả công tác phòng, chống mại dâm."
        ]
    return []


def _period(compilation: DocumentFigures) -> str:
    return lower_first(str(compilation.round.period))


def _group_sentence(
    group: str, indicators: list[Indicator], compilation: DocumentFigures, openings: Openings
) -> str:
    # A rate's change in % of itself would mislead; rates are compared with their targets.
    def clause(indicator: Indicator) -> str:
        compared = compilation.comparisons[indicator.pk].change_pct is not None
        return indicator_clause(indicator, compared)

    phrased = [clause(i) for i in indicators if has_phrase(i)]
    plain = [clause(i) for i in indicators if not has_phrase(i)]
    # A total over a round some agencies have not answered says whose figures it holds.
    source = "" if compilation.coverage.complete else "theo số liệu của {{coverage}}, "
    return openings.first_free(FIGURE_OPENERS, group_body(group, phrased, plain, source))


def _targets_text(compilation: DocumentFigures, targets: dict[int, Target]) -> str:
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


def uses_reported(template: str) -> bool:
    """Whether a drafted text places the agencies' retold narratives itself."""
    return any(m.group(1) == "reported" for m in PLACEHOLDER.finditer(template))
