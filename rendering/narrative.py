"""The agencies' narratives retold in the coordinating department's voice.

For each section of the outline the compiled report takes the sentences the agencies wrote
under it and:

- sorts them by theme, by deterministic keyword rules (THEMES: the theme whose keywords occur
  most often in the sentence; a tie goes to the theme listed first; no keyword: "other");
- attributes each to the agency that wrote it, rewriting as little as possible: a sentence that
  names the agency stays as written; one opening with a verb gets the agency as its subject
  ("Ban Dân tộc đã tổ chức 02 hội thi ..."); any other is introduced ("Theo báo cáo của Ban Dân
  tộc, ..."). The agency's own chain of command ("theo chỉ đạo của Ủy ban Dân tộc") is dropped,
  and its self-references ("Cổng thông tin điện tử của Ban") name it;
- drops a sentence another agency already wrote (same numbers, nearly the same words), naming
  both agencies when the sentence did not name one;
- gathers every proposal (sentences of a "kiến nghị, đề xuất" section, and sentences opening with
  "Đề nghị", "Kiến nghị", "Đề xuất" anywhere) into that section, grouped by addressee.

Numbers are never computed here: an agency's sentence keeps its numbers as the agency wrote them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rendering.phrasing import Openings, lower_first, upper_first
from rounds.models import Narrative, Report, Section

RESULTS, STRENGTHS, SHORTCOMINGS, DIRECTIONS, PROPOSALS = (
    "results",
    "strengths",
    "shortcomings",
    "directions",
    "proposals",
)
# A section's kind by words of its title, checked in this order.
KIND_WORDS = (
    (PROPOSALS, ("kiến nghị", "đề xuất")),
    (DIRECTIONS, ("phương hướng", "nhiệm vụ năm")),
    (STRENGTHS, ("ưu điểm", "kết quả đạt được")),
    (SHORTCOMINGS, ("tồn tại", "hạn chế", "khó khăn")),
)
THEMES = (
    ("direction", ("ban hành", "kế hoạch", "chỉ đạo", "tham mưu")),
    (
        "propaganda",
        (
            "tuyên truyền",
            "phổ biến",
            "giáo dục pháp luật",
            "pbgdpl",
            "gdpl",
            "tập huấn",
            "hội nghị",
            "hội thi",
            "tờ rơi",
            "phóng sự",
            "bản tin",
            "nhận thức",
        ),
    ),
    (
        "inspection",
        ("kiểm tra", "xử phạt", "xử lý", "vi phạm", "triệt phá", "khởi tố", "đấu tranh", "rà soát"),
    ),
    (
        "support",
        ("hỗ trợ", "hòa nhập", "chăm sóc", "học nghề", "việc làm", "vay vốn", "giảm hại"),
    ),
    ("coordination", ("phối hợp", "lồng ghép", "liên ngành")),
    ("resources", ("kinh phí", "nguồn lực", "biên chế")),
)
OTHER = "other"
# How a theme's first paragraph opens; the next free one is taken, so openings do not repeat.
THEME_SUBJECTS = {
    "direction": "chỉ đạo, triển khai",
    "propaganda": "tuyên truyền, phổ biến, giáo dục pháp luật",
    "inspection": "kiểm tra, xử lý vi phạm",
    "support": "hỗ trợ người bán dâm",
    "coordination": "phối hợp thực hiện",
    "resources": "kinh phí, nguồn lực",
}
THEME_LEADS = {
    **{
        theme: tuple(f"{word} {subject}, " for word in ("Về", "Trong", "Đối với"))
        for theme, subject in THEME_SUBJECTS.items()
    },
    OTHER: ("",),
}
# When every lead of a theme is taken, a connector keeps the opening new.
CONNECTORS = ("Bên cạnh đó, ", "Đồng thời, ", "Ngoài ra, ", "Mặt khác, ", "Cùng với đó, ")

# Verbs an agency's sentence may open with: the agency becomes their subject.
VERBS = (
    "ban hành",
    "chỉ đạo",
    "chủ động",
    "cung cấp",
    "duy trì",
    "đăng tải",
    "đẩy mạnh",
    "hướng dẫn",
    "hỗ trợ",
    "khởi tố",
    "kiểm tra",
    "lồng ghép",
    "mở",
    "nâng cao",
    "nắm",
    "phát hành",
    "phát hiện",
    "phát huy",
    "phối hợp",
    "rà soát",
    "tăng cường",
    "tham gia",
    "tham mưu",
    "thực hiện",
    "tích cực",
    "tiếp tục",
    "tổ chức",
    "triển khai",
    "triệt phá",
    "tư vấn",
    "xây dựng",
    "xử lý",
)
# Words a sentence may open with that must keep their capital (names, acronyms).
PROPER = (
    "Ủy ban",
    "UBND",
    "HĐND",
    "Công an",
    "Sở ",
    "Ban ",
    "Bộ ",
    "Đảng",
    "Nhà nước",
    "Chính phủ",
    "Tỉnh ủy",
    "Mặt trận",
    "Hội ",
    "Đoàn ",
    "Quốc hội",
    "Thủ tướng",
)
PROPOSAL_VERB = re.compile(r"^(đề nghị|kiến nghị|đề xuất)\b\s*(với\s+)?", re.IGNORECASE)
ADDRESSEE = re.compile(
    r"^(?P<who>Thủ tướng Chính phủ|Chính phủ|Bộ [A-ZĐÂ][^,;:]*?|Ủy ban nhân dân tỉnh|UBND tỉnh|"
    r"Hội đồng nhân dân tỉnh|HĐND tỉnh|Ban Chỉ đạo[^,;:]*?|Sở [A-ZĐ][^,;:]*?|"
    r"(?:Ủy ban nhân dân|UBND) các huyện(?:,\s*thị xã)?(?:,\s*thành phố)?[^,;:]*?)"
    r"(?=\s*[:,]|\s+(?:quan tâm|bố trí|chỉ đạo|sớm|tăng cường|hướng dẫn|ban hành|xem xét|hỗ trợ|"
    r"tiếp tục|nghiên cứu|sửa đổi|bổ sung|cho|có|giao|phân bổ)\b)"
)
ADDRESSEE_NAMES = {"UBND tỉnh": "Ủy ban nhân dân tỉnh", "HĐND tỉnh": "Hội đồng nhân dân tỉnh"}
CHAIN_OF_COMMAND = re.compile(r",?\s*theo (?:sự )?(?:chỉ đạo|hướng dẫn) của [^;.]*", re.I)
FILLER = re.compile(r"^(?:và\s+)?(?:thực hiện\s+)?(?:các\s+)?nhiệm vụ khác$", re.I)
LEADING_YEAR = re.compile(r"^(?:trong\s+)?năm \d{4}\s*,?\s*", re.I)
BULLET = re.compile(r"^\s*(?:[-+•*]|\d+[.)]|[a-zđ][.)])\s+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
DUPLICATE_OVERLAP = 0.8
MIN_WORDS = 4


@dataclass
class Statement:
    """One sentence an agency wrote, with the agencies that wrote it (more after merging)."""

    agencies: list[str]
    text: str
    theme: str
    names_agency: bool = False
    words: frozenset[str] = field(default_factory=frozenset)
    numbers: tuple[str, ...] = ()


def section_kind(section: Section) -> str:
    title = section.title.lower()
    return next((kind for kind, words in KIND_WORDS if any(w in title for w in words)), RESULTS)


def split_sentences(text: str) -> list[str]:
    """Sentences of an agency's text: by line, then at ". " before a capital; bullets dropped."""
    sentences = []
    for line in text.splitlines():
        line = BULLET.sub("", line).strip()
        start = 0
        for match in re.finditer(r"[.!?]\s+(?=[A-ZÀ-ỸĐ])", line):
            sentences.append(line[start : match.start() + 1])
            start = match.end()
        sentences.append(line[start:])
    return [s.strip() for s in sentences if len(s.split()) >= MIN_WORDS]


def theme_of(sentence: str) -> str:
    """The theme whose keyword opens the sentence (its main verb), else the most frequent."""
    lowered = sentence.lower()
    opening = next((code for code, words in THEMES if lowered.startswith(words)), None)
    if opening:
        return opening
    scores = [(sum(lowered.count(w) for w in words), code) for code, words in THEMES]
    best = max(score for score, _ in scores)
    return OTHER if not best else next(code for score, code in scores if score == best)


def _clean(sentence: str, agency: str) -> str:
    """The sentence without its year opener and the agency's chain of command, self-references
    naming the agency."""
    text = LEADING_YEAR.sub("", sentence)
    text = CHAIN_OF_COMMAND.sub("", text)
    parts = [p.strip() for p in text.rstrip(" .;").split(";")]
    text = "; ".join(p for p in parts if p and not FILLER.match(p))
    kind = agency.split()[0]
    text = re.sub(
        rf"\bcủa (?:{kind}|đơn vị|cơ quan)\b(?!\s+(?:chỉ đạo|thường vụ|bí thư|chấp hành|[A-ZĐ]))",
        f"của {agency}",
        text,
    )
    return text.strip()


def _normal_words(text: str, agencies: Iterable[str]) -> frozenset[str]:
    lowered = text.lower()
    for name in agencies:
        lowered = lowered.replace(name.lower(), " ")
    return frozenset(re.findall(r"[^\W\d_]+", lowered))


def _is_duplicate(a: Statement, b: Statement) -> bool:
    if a.numbers != b.numbers or not a.words or not b.words:
        return False
    return len(a.words & b.words) / len(a.words | b.words) >= DUPLICATE_OVERLAP


def statements(pieces: list[tuple[str, str]], names: list[str]) -> list[Statement]:
    """The sentences of (agency, text) pieces, in order, near-duplicates merged into the first."""
    kept: list[Statement] = []
    for agency, text in pieces:
        for sentence in split_sentences(text):
            cleaned = _clean(sentence, agency)
            if len(cleaned.split()) < MIN_WORDS:
                continue
            statement = Statement(
                [agency],
                cleaned,
                theme_of(cleaned),
                names_agency=agency.lower() in cleaned.lower(),
                words=_normal_words(cleaned, names),
                numbers=tuple(NUMBER.findall(cleaned)),
            )
            _merge_into(kept, statement)
    return kept


def _merge_into(kept: list[Statement], statement: Statement) -> None:
    """Append the statement, or name its agencies on the one it repeats."""
    twin = next((k for k in kept if _is_duplicate(k, statement)), None)
    if twin is None:
        kept.append(statement)
    else:
        twin.agencies += [a for a in statement.agencies if a not in twin.agencies]


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


def _lowered(text: str) -> str:
    if text.startswith(PROPER) or text.split()[0].isupper():
        return text
    return lower_first(text)


def attributed(statement: Statement, kind: str) -> str:
    """The sentence with its agency as subject, or introduced as the agency's account."""
    text = statement.text
    subject = _joined(statement.agencies)
    if statement.names_agency and len(statement.agencies) == 1:
        sentence = text
    elif text.lower().startswith(VERBS):
        tense = "đã " if kind in {RESULTS, STRENGTHS} else ""
        sentence = f"{subject} {tense}{_lowered(text)}"
    elif kind == DIRECTIONS:
        sentence = f"{subject} xác định nhiệm vụ: {_lowered(text)}"
    elif kind in {STRENGTHS, SHORTCOMINGS}:
        sentence = f"Theo đánh giá của {subject}, {_lowered(text)}"
    else:
        sentence = f"Theo báo cáo của {subject}, {_lowered(text)}"
    return sentence.rstrip(" .;:") + "."


def reworded(statement: Statement, kind: str) -> str:
    """The agency's account with the agency as subject ("Sở Y tế đánh giá ..."): the same
    sentence opened otherwise, for when "Theo đánh giá của ..." already opened a paragraph."""
    verb = "đánh giá" if kind in {STRENGTHS, SHORTCOMINGS} else "cho biết"
    sentence = f"{_joined(statement.agencies)} {verb} {_lowered(statement.text)}"
    return sentence.rstrip(" .;:") + "."


INTRODUCTIONS = ("Theo báo cáo của ", "Theo đánh giá của ")


def _lead_paragraph(
    openings: Openings, theme: str, bodies: list[str], leads: bool, first: bool
) -> str:
    """The paragraph with the first free opening among the theme's leads, none, the connectors.

    A theme lead ("Về tuyên truyền, ...,") only goes before a sentence whose subject is its
    agency: before a sentence with an opening of its own ("Thực hiện Kế hoạch số ...") or an
    assessment ("Công tác ... được quan tâm") it would garble the sentence. A connector ("Bên cạnh
    đó,") needs a paragraph before it in the section, so the first one never takes one.
    """
    candidates = [*(THEME_LEADS[theme] if leads else ()), "", *(() if first else CONNECTORS)]
    # The body opens with the agency's name; after a lead it runs on. Other wordings of the same
    # body come after every opener of the first.
    for body in bodies:
        for opener in dict.fromkeys(candidates):
            text = opener + (_lowered(body) if opener else body)
            if openings.take(text):
                return text
    return bodies[0]


def theme_paragraphs(found: list[Statement], kind: str, openings: Openings) -> list[str]:
    """One paragraph per theme (THEMES order, then other), each sentence attributed."""
    paragraphs: list[str] = []
    for theme in [code for code, _ in THEMES] + [OTHER]:
        sentences, previous = [], None
        for statement in (s for s in found if s.theme == theme):
            sentence = attributed(statement, kind)
            if statement.agencies == previous and sentence.startswith(INTRODUCTIONS):
                # The agency was named just before: its account runs on.
                sentence = upper_first(sentence.split(", ", 1)[1])
            sentences.append(sentence)
            previous = statement.agencies
        if sentences:
            first = next(s for s in found if s.theme == theme)
            leads = sentences[0].startswith(_joined(first.agencies))
            bodies = [" ".join(sentences)]
            if sentences[0].startswith(INTRODUCTIONS):
                bodies.append(" ".join([reworded(first, kind), *sentences[1:]]))
            paragraphs.append(_lead_paragraph(openings, theme, bodies, leads, not paragraphs))
    return paragraphs


@dataclass(frozen=True)
class Proposal:
    addressee: str
    content: str
    agencies: tuple[str, ...]


def proposals(found: list[Statement]) -> list[Proposal]:
    """Proposals by addressee ("" when none is named), in the order first met."""
    merged: dict[tuple[str, str], list[str]] = {}
    for statement in found:
        text = PROPOSAL_VERB.sub("", statement.text).strip()
        match = ADDRESSEE.match(text)
        who = ""
        if match:
            who = ADDRESSEE_NAMES.get(match.group("who"), match.group("who"))
            text = text[match.end() :].lstrip(" :,")
        key = (who, text.rstrip(" .;"))
        merged.setdefault(key, [])
        merged[key] += [a for a in statement.agencies if a not in merged[key]]
    return [Proposal(who, text, tuple(agencies)) for (who, text), agencies in merged.items()]


def proposal_paragraphs(found: list[Statement], openings: Openings, compiler: str) -> list[str]:
    """ "Đề nghị Ủy ban nhân dân tỉnh: ... (kiến nghị của Ban Dân tộc); ... ." per addressee.

    A proposal addressed to the compiling department itself is not passed on as its own request:
    the department says it will consider it.
    """
    by_addressee: dict[str, list[Proposal]] = {}
    for proposal in proposals(found):
        by_addressee.setdefault(proposal.addressee, []).append(proposal)
    paragraphs = []
    for who, items in sorted(
        by_addressee.items(), key=lambda item: (item[0] == "", item[0] == compiler)
    ):
        listed = "; ".join(
            f"{_lowered(p.content)} (kiến nghị của {_joined(list(p.agencies))})" for p in items
        )
        if who and who == compiler:
            asked = "; ".join(
                f"kiến nghị của {_joined(list(p.agencies))} về việc {_lowered(p.content)}"
                for p in items
            )
            body = f"Đối với {asked}, {compiler} sẽ xem xét, giải quyết theo thẩm quyền."
        elif who:
            body = f"Đề nghị {who}: {listed}."
        else:
            body = f"Các cơ quan, đơn vị còn đề xuất: {listed}."
        paragraphs.append(
            next(
                (
                    t
                    for t in [body, *(c + lower_first(body) for c in CONNECTORS)]
                    if openings.take(t)
                ),
                body,
            )
        )
    return paragraphs


def is_proposal(statement: Statement) -> bool:
    return bool(PROPOSAL_VERB.match(statement.text))


@dataclass(frozen=True)
class Digest:
    """The paragraphs retelling the agencies' narratives, per section."""

    paragraphs: dict[int, list[str]]

    def has_proposals(self, section: Section) -> bool:
        return bool(self.paragraphs.get(section.pk)) and section_kind(section) == PROPOSALS


def round_narratives(reports: list[Report]) -> dict[int, list[tuple[str, str]]]:
    """Per section, the (agency name, text) of each counted report, in the reports' order."""
    order = {report.pk: n for n, report in enumerate(reports)}
    names = {report.pk: report.agency.name for report in reports}
    found = Narrative.objects.filter(report__in=reports).exclude(text="")
    pieces: dict[int, list[tuple[str, str]]] = {}
    for narrative in sorted(found, key=lambda n: (order[n.report_id], n.section_id)):
        pieces.setdefault(narrative.section_id, []).append(
            (names[narrative.report_id], narrative.text)
        )
    return pieces


def digest(reports: list[Report], outline: list[Section], compiler: str = "") -> Digest:
    """The agencies' narratives of each section in the department's voice, proposals gathered."""
    pieces = round_narratives(reports)
    names = [report.agency.name for report in reports]
    openings = Openings()
    target = next((s for s in outline if section_kind(s) == PROPOSALS), None)
    gathered: list[Statement] = []
    paragraphs: dict[int, list[str]] = {}
    for section in outline:
        found = statements(pieces.get(section.pk, []), names)
        kind = section_kind(section)
        if kind == PROPOSALS:
            gathered += found
            continue
        if target is not None:
            gathered += [s for s in found if is_proposal(s)]
            found = [s for s in found if not is_proposal(s)]
        paragraphs[section.pk] = theme_paragraphs(found, kind, openings)
    if target is not None:
        merged: list[Statement] = []
        for statement in gathered:
            _merge_into(merged, statement)
        paragraphs[target.pk] = proposal_paragraphs(merged, openings, compiler)
    return Digest(paragraphs)
