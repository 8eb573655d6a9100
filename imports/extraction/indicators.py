"""Map a figure to a catalogue indicator by the phrases officials use for it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from lib.vntext import nfc, normalise_tones

# Words that end the counted noun phrase: "hội thi tìm hiểu pháp luật | tại huyện ...".
PHRASE_END = re.compile(
    r"\s(?:tại|ở|cho|với|qua|trong|của|theo|về|trên|thuộc|và|đến|từ|nhằm|để|do|gồm)\s",
    re.IGNORECASE,
)
# Where a figure's sentence ends: a full stop, a semicolon, a blank line or a new list item.
SENTENCE_END = re.compile(r"[.;!?](?=\s|$)|\n\s*\n|\n\s*[-+•]")
MAX_PHRASE_WORDS = 6
# A percentage that says how much a level changed ("tăng 12% so với năm 2022") is a figure,
# but of no indicator: the level is the figure next to it.
CHANGE_BEFORE = re.compile(
    r"(?i)(?:tăng|giảm|cao hơn|thấp hơn)(?:\s+(?:thêm|được|khoảng|gần|hơn|trên))?\s*$"
)
CHANGE_AFTER = re.compile(r"(?i)^\s*(?:%|phần trăm)?\s*so với")


WORD = re.compile(r"[\w%]+")


@lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    return _words(normalise_tones(nfc(text)))


def _words(text: str) -> str:
    """Lower-case words of text that is already NFC with one tone style (the extractor's)."""
    return " ".join(WORD.findall(text.lower()))


@lru_cache(maxsize=1024)
def _unit_words(unit: str) -> str:
    return _words(unit)  # a report repeats a few dozen units: remembered


def _first_words(text: str, n: int) -> list[str]:
    """The first n of text's words (as _words gives them), without reading the rest of it."""
    raw = text.split(maxsplit=n + 4)  # punctuation alone ("-", "|") makes no word
    words = _words(" ".join(raw[: n + 4])).split()
    return words[:n] if len(words) >= n or len(raw) <= n + 4 else _words(text).split()[:n]


def _head(what: str) -> str:
    return _words(noun_phrase(what))


def noun_phrase(what: str) -> str:
    """The counted noun and its modifiers, without places and purposes: what an officer maps."""
    head = PHRASE_END.split(f"{what} ", maxsplit=1)[0]
    return " ".join(head.split()[:MAX_PHRASE_WORDS])


@dataclass(frozen=True)
class _Phrase:
    words: str
    code: str
    unit: str
    from_officer: bool
    is_name: bool = False  # the indicator's own name, not one of its synonyms

    @property
    def key(self) -> str:
        """The first two words (or the only one): a text can only hold the phrase if it holds
        these, so the matcher looks up a figure's candidates by its words and word pairs."""
        return " ".join(self.words.split(" ", 2)[:2])


@dataclass(frozen=True)
class Match:
    code: str | None
    confidence: float
    phrase: str = ""
    on_head: bool = False


NO_MATCH = Match(None, 0.0)


def _rank(m: Match) -> tuple[bool, int, bool, float]:
    return (m.on_head, len(m.phrase.split()) if m.on_head else 0, False, m.confidence)


class IndicatorMatcher:
    """Phrases of every indicator (name and synonyms) plus an officer's remembered mappings.

    A phrase that starts the noun phrase after the number ("4 hội nghị tập huấn") beats any
    phrase found only in the words around it, and among those the longest wins, an indicator's
    name before a synonym of the same words; a phrase of the surrounding words decides only when
    the noun phrase names no indicator. The noun phrase is read whole for this: a table row
    labelled "Người bán dâm có hồ sơ quản lý" is that indicator's, not "người bán dâm"'s.
    """

    def __init__(self, indicators: Iterable[dict], synonyms: dict[str, str] | None = None):
        units = {}
        phrases = []
        for ind in indicators:
            code = ind.get("code")
            if not code:
                continue
            units[code] = _norm(ind.get("unit") or "")
            name = ind.get("name") or ""
            for phrase in [name, *(ind.get("synonyms") or [])]:
                if _norm(phrase):
                    phrases.append(_Phrase(_norm(phrase), code, units[code], False, phrase == name))
        for phrase, code in (synonyms or {}).items():
            if _norm(phrase) and code:
                phrases.append(_Phrase(_norm(phrase), code, units.get(code, ""), True))
        self.phrases = sorted(phrases, key=lambda p: (-p.from_officer, -len(p.words)))
        self.longest = max((p.words.count(" ") + 1 for p in phrases), default=0)
        self.units = units
        self.by_key: dict[str, list[int]] = {}
        self.by_words: dict[str, list[int]] = {}
        for i, p in enumerate(self.phrases):
            self.by_key.setdefault(p.key, []).append(i)
            self.by_words.setdefault(p.words, []).append(i)
        self._heads: dict[tuple[str, str], Match | None] = {}

    def match(self, unit: str, context: str, what: str = "") -> Match:
        """Best indicator for a figure: its unit, the words before it and what it counts.

        The extractor's text is already NFC with one tone style: lower-casing is enough here.
        """
        unit = _words(unit)
        return self._on_head(unit, what) or self._around(unit, f"{context} {what}")

    def _on_head(self, unit: str, what: str) -> Match | None:
        """The longest phrase starting what the figure counts, which outranks any phrase found
        only in the words around it. The words are not cut at "tại", "về" ... as the noun phrase
        is, since a whole name may hold them ("Bài viết trên báo, đài ..."). A report counts the
        same few nouns again and again, so the answer is remembered per unit and words."""
        head_words = _first_words(what, self.longest)
        key = (unit, " ".join(head_words))
        if key not in self._heads:
            prefixes = (" ".join(head_words[:k]) for k in range(1, len(head_words) + 1))
            found = sorted({i for prefix in prefixes for i in self.by_words.get(prefix, ())})
            self._heads[key] = self._pick(found, unit, True) if found else None
        return self._heads[key]

    def _around(self, unit: str, around: str) -> Match:
        """The most confident phrase in the words around the figure, when none starts its head."""
        tokens = _words(around).split()
        keys = {*tokens, *map(" ".join, pairwise(tokens))}
        text = f" {' '.join(tokens)} "
        found = {i for key in keys for i in self.by_key.get(key, ())}
        return self._pick(
            sorted(i for i in found if f" {self.phrases[i].words} " in text), unit, False
        )

    def _pick(self, found: list[int], unit: str, on_head: bool) -> Match:
        """The longest phrase on the head, or the most confident around; the first on a tie."""
        best, best_rank = NO_MATCH, _rank(NO_MATCH)
        for p in map(self.phrases.__getitem__, found):
            n = p.words.count(" ") + 1
            rank = (on_head, n if on_head else 0, p.is_name, _score(p, n, on_head, unit))
            if rank > best_rank:
                best, best_rank = Match(p.code, rank[3], p.words, on_head), rank
        return best

    def match_all(self, figures: list, text: str, body_start: int) -> None:
        """Set indicator and confidence on figures of one text, read in order.

        A bare repeated noun takes the kind of the fuller one before it in the same sentence:
        in "4 hội nghị tập huấn tại 4 huyện và 01 hội nghị tại thành phố", the second
        "hội nghị" is a training conference too (the modifier is left out, not changed).
        The words before a figure are read only when its head names no indicator, or to see
        whether a percentage is a change.
        """
        earlier: dict[str, Match] = {}
        last_end = body_start
        for fig in figures:
            if SENTENCE_END.search(text, last_end, fig.start):
                earlier.clear()
            last_end = fig.end
            if fig.comparison:
                fig.indicator, fig.confidence = None, 0.0
                continue
            unit = _unit_words(fig.unit)
            found = self._on_head(unit, fig.what)
            if found is None or fig.unit == "%":
                context = _sentence_before(text, max(body_start, fig.start - 80), fig.start)
                if fig.unit == "%" and (
                    CHANGE_BEFORE.search(context) or CHANGE_AFTER.match(text, fig.end, fig.end + 30)
                ):
                    fig.indicator, fig.confidence = None, 0.0
                    continue
                found = found or self._around(unit, f"{context} {fig.what}")
            before = earlier.get(unit)
            if (
                before is not None
                and before.code
                and before.phrase.startswith(f"{unit} ")
                and _head(fig.what) == unit
            ):
                found = Match(before.code, before.confidence, before.phrase, True)
            if fig.unit == "%" and found.code and self.units.get(found.code) != "%":
                found = NO_MATCH  # a rate is no count: "107,5%" is not 107,5 leaflets
            if found.on_head:
                earlier[unit] = found
            fig.indicator, fig.confidence = found.code, found.confidence


def _score(p: _Phrase, n: int, on_head: bool, unit: str) -> float:
    """Confidence of a phrase's match: longer phrases, the head of the noun phrase, an officer's
    own mapping and a unit that fits the indicator's count for more."""
    if p.from_officer:
        return 0.95
    fits = bool(p.unit and unit) and (p.unit.startswith(unit) or unit.startswith(p.unit))
    if on_head:
        return round(min(1.0, 0.6 + 0.1 * n + 0.1 * fits), 2)
    score = min(0.9, 0.45 + 0.1 * n)
    if p.unit and unit:
        score = min(1.0, score + 0.1) if fits else score - 0.2
    return round(score, 2)


def _sentence_before(text: str, lo: int, pos: int) -> str:
    """The words before a figure back to `lo` or to the end of the previous sentence."""
    ends = [m.end() for m in SENTENCE_END.finditer(text, lo, pos)]
    return text[ends[-1] if ends else lo : pos]


def default_catalogue() -> list[dict]:
    """The versioned default indicators, or none while the catalogue app does not provide them."""
    try:
        from catalogue.defaults import default_indicators
    except ImportError:
        return []
    return list(default_indicators())
