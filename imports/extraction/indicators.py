"""Map a figure to a catalogue indicator by the phrases officials use for it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lib.vntext import nfc, normalise_tones


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", normalise_tones(nfc(text)).lower()).split())


@dataclass(frozen=True)
class _Phrase:
    words: str
    code: str
    unit: str
    from_officer: bool


class IndicatorMatcher:
    """Phrases of every indicator (name and synonyms) plus an officer's remembered mappings."""

    def __init__(self, indicators: Iterable[dict], synonyms: dict[str, str] | None = None):
        units = {}
        phrases = []
        for ind in indicators:
            code = ind.get("code")
            if not code:
                continue
            units[code] = _norm(ind.get("unit") or "")
            for phrase in [ind.get("name") or "", *(ind.get("synonyms") or [])]:
                if _norm(phrase):
                    phrases.append(_Phrase(_norm(phrase), code, units[code], False))
        for phrase, code in (synonyms or {}).items():
            if _norm(phrase) and code:
                phrases.append(_Phrase(_norm(phrase), code, units.get(code, ""), True))
        # Longest phrase first: "lượt cơ sở được kiểm tra" beats "cơ sở".
        self.phrases = sorted(phrases, key=lambda p: (-p.from_officer, -len(p.words)))

    def match(self, unit: str, context: str) -> tuple[str | None, float]:
        """Best indicator code for a figure and a confidence in 0..1 (None, 0 when nothing fits)."""
        if not self.phrases:
            return None, 0.0
        # The extractor's text is already NFC with one tone style: lower-casing is enough here.
        text = " " + " ".join(re.sub(r"[^\w%]+", " ", context.lower()).split()) + " "
        unit_n = _norm(unit)
        best: tuple[float, str | None] = (0.0, None)
        for p in self.phrases:
            if f" {p.words} " not in text:
                continue
            score = 0.95 if p.from_officer else min(0.9, 0.45 + 0.1 * len(p.words.split()))
            if p.unit and unit_n and (p.unit.startswith(unit_n) or unit_n.startswith(p.unit)):
                score = min(1.0, score + 0.1)
            elif p.unit and unit_n and not p.from_officer:
                score -= 0.2
            if score > best[0]:
                best = (score, p.code)
        return best[1], round(best[0], 2)


def default_catalogue() -> list[dict]:
    """The versioned default indicators, or none while the catalogue app does not provide them."""
    try:
        from catalogue.defaults import default_indicators
    except ImportError:
        return []
    return list(default_indicators())
