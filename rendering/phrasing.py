"""How the compiled report words its figures: indicator phrases and varied paragraph openings.

Every figure is a placeholder ({{code}}), filled from the data by rendering.drafting.Context;
this module only decides the words around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from catalogue.models import PHRASE_SLOT, Indicator, ValueType

OPENING_WORDS = 3

# Who the figures of a group speak of, and how a later sentence of the group goes on (an
# acting subject is not repeated: "Ngoài ra, đã ..."); a group not listed is reported in the
# safe form.
GROUP_SUBJECTS = {
    "direction": ("các cơ quan, đơn vị đã", "đã"),
    "propaganda": ("các cơ quan, đơn vị đã", "đã"),
    "establishments": ("trên địa bàn tỉnh", "trên địa bàn tỉnh"),
    "inspection": ("các lực lượng chức năng đã", "đã"),
    "suppression": ("lực lượng chức năng đã", "đã"),
    "support": ("các cơ quan, đơn vị đã", "đã"),
    "targets": ("trên địa bàn tỉnh,", "trên địa bàn tỉnh,"),
}
# A sentence holds at most this many figures, each with its comparison; the group's later
# sentences open with these, so a group has at most len(CONTINUATIONS) + 1 sentences.
FIGURES_PER_SENTENCE = 3
CONTINUATIONS = ("Cùng với đó, ", "Bên cạnh đó, ", "Đồng thời, ", "Ngoài ra, ")
SAFE_SUBJECT = "các cơ quan, đơn vị báo cáo:"
# Openings of the paragraphs drafted from the figures, each used once, in this order.
FIGURE_OPENERS = (
    "Năm {{year}}, ",
    "Trong năm, ",
    "Cũng trong năm {{year}}, ",
    "Trong kỳ báo cáo, ",
    "Qua tổng hợp, ",
    "Song song với đó, ",
)


def opening_key(text: str) -> str:
    """The first words of a paragraph, as a reader compares openings."""
    words = re.sub(r"[^\w{}\s]", " ", text.lower()).split()
    return " ".join(words[:OPENING_WORDS])


class Openings:
    """Hands out paragraph openings so that no two paragraphs open with the same words."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, text: str) -> bool:
        """Record the paragraph's opening; False if another paragraph already opened so."""
        key = opening_key(text)
        if key in self.used:
            return False
        self.used.add(key)
        return True

    def first_free(self, candidates: Iterable[str], body: str) -> str:
        """The first candidate opening that, put before `body`, opens unlike the others."""
        for opener in candidates:
            text = opener + body if opener else upper_first(body)
            if self.take(text):
                return text
        text = upper_first(body)
        self.used.add(opening_key(text))
        return text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def indicator_clause(indicator: Indicator, change: bool) -> str:
    """ "tổ chức {{propaganda_sessions}} hội nghị ..." with its comparison or rate basis.

    Without a phrase the indicator is printed in a safe form: its name, then the figure.
    """
    code = indicator.code
    figure = f"{{{{{code}}}}}"
    if indicator.phrase and indicator.phrase.count(PHRASE_SLOT) == 1:
        clause = indicator.phrase.replace(PHRASE_SLOT, figure)
    else:
        unit = f" {indicator.unit}" if indicator.value_type == ValueType.COUNT else ""
        clause = f"{lower_first(indicator.name)}: {figure}{unit}"
    if indicator.is_rate:
        # Never a bare rate: what it stands on goes with it.
        clause += f" ({{{{{code}.coverage}}}})"
    elif change:
        clause += f" ({{{{{code}.change}}}})"
    return clause


def has_phrase(indicator: Indicator) -> bool:
    return bool(indicator.phrase) and indicator.phrase.count(PHRASE_SLOT) == 1


def enumerate_clauses(clauses: list[str]) -> str:
    """ "a, b và c"; with clauses holding commas of their own, "a; b; c"."""
    if len(clauses) == 1:
        return clauses[0]
    if any("," in c for c in clauses):
        return "; ".join(clauses)
    return ", ".join(clauses[:-1]) + " và " + clauses[-1]


def sentence_chunks(clauses: list[str]) -> list[list[str]]:
    """The clauses in balanced runs of at most FIGURES_PER_SENTENCE (7: 3, 2, 2)."""
    count = min(-(-len(clauses) // FIGURES_PER_SENTENCE), len(CONTINUATIONS) + 1)
    size, extra = divmod(len(clauses), count)
    chunks, start = [], 0
    for n in range(count):
        end = start + size + (n < extra)
        chunks.append(clauses[start:end])
        start = end
    return chunks


def group_body(group: str, phrased: list[str], plain: list[str], source: str) -> str:
    """The sentences of a group without their opening: subject, coverage, clauses.

    Indicators without a phrase follow in a list the subject cannot garble.
    """
    sentences = []
    if phrased:
        subject, further = GROUP_SUBJECTS.get(group, (SAFE_SUBJECT, SAFE_SUBJECT))
        first, *rest = sentence_chunks(phrased)
        sentences.append(f"{source}{subject} {enumerate_clauses(first)}.")
        sentences += [
            f"{opener}{further} {enumerate_clauses(chunk)}."
            for opener, chunk in zip(CONTINUATIONS, rest, strict=False)
        ]
    if plain:
        lead = f"{source}{SAFE_SUBJECT}" if not phrased else "Các cơ quan, đơn vị còn báo cáo:"
        sentences.append(f"{lead} {'; '.join(plain)}.")
    return " ".join(sentences)
