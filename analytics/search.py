"""Search across reports' narratives and imported documents, with or without diacritics.

The index (SearchEntry) is kept by database triggers on rounds_narrative and
imports_importeddocument (see analytics.triggers.SEARCH), so the demo's bulk_create, the
workflow's saves and the importer all keep it correct. PostgreSQL stores the text folded by
unaccent() under a GIN index; SQLite folds "đ" and lets FTS5 (remove_diacritics 2) fold the rest.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse

from accounts.models import User
from analytics.models import PassageKind, SearchEntry, UnitMap
from analytics.units import ensure_unit_map
from rounds.access import can_read_uploads, reports_for_user

RESULTS = 50
CONTEXT = 120
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without diacritics, one character for one ("Sơn Động" -> "son dong")."""
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0]
    return base.lower() if len(base.lower()) == 1 else char


def words(query: str) -> list[str]:
    """The query's words, folded."""
    return _WORD.findall(fold(query))


def _matching(entries: QuerySet[SearchEntry], terms: list[str]) -> QuerySet[SearchEntry]:
    if connection.vendor == "postgresql":
        # The same expression as the GIN index analytics_search_fts, so the index serves it.
        condition = RawSQL(
            "to_tsvector('simple', analytics_searchentry.folded) @@ plainto_tsquery('simple', %s)",
            (" ".join(terms),),
            output_field=BooleanField(),
        )
    else:
        condition = RawSQL(
            "analytics_searchentry.id IN (SELECT rowid FROM analytics_search_fts"
            " WHERE analytics_search_fts MATCH %s)",
            (" ".join(f'"{term}"' for term in terms),),
            output_field=BooleanField(),
        )
    return entries.filter(condition)


@dataclass(frozen=True)
class Hit:
    entry: SearchEntry
    before: str
    match: str
    after: str
    url: str


def search(
    user: User,
    query: str,
    *,
    agency: int | None = None,
    place: int | None = None,
    year: int | None = None,
) -> list[Hit]:
    """Passages the user may read that hold every word of the query, newest periods first."""
    terms = words(query)
    if not terms:
        return []
    entries = SearchEntry.objects.filter(report__in=reports_for_user(user).values("pk"))
    if not can_read_uploads(user):
        entries = entries.filter(kind=PassageKind.NARRATIVE)
    if agency:
        entries = entries.filter(agency_id=agency)
    if place:
        ensure_unit_map()
        entries = entries.filter(
            place_id__in=UnitMap.objects.filter(target_id=place).values("unit_id")
        )
    if year:
        entries = entries.filter(period__year=year)
    found = (
        _matching(entries, terms)
        .select_related("agency", "period")
        .order_by("-period__end", "agency__name", "pk")[:RESULTS]
    )
    return [_hit(entry, terms) for entry in found]


def _hit(entry: SearchEntry, terms: list[str]) -> Hit:
    """The passage around the phrase (else the first word) found, and a link that scrolls to it."""
    folded = fold(entry.text)
    phrase = " ".join(terms)
    starts = [(folded.find(term), term) for term in terms if term in folded]
    if phrase in folded:
        start, term = folded.find(phrase), phrase
    else:
        start, term = min(starts) if starts else (0, "")
    end = start + len(term)
    begin, finish = max(0, start - CONTEXT), min(len(entry.text), end + CONTEXT)
    before = ("…" if begin else "") + entry.text[begin:start]
    after = entry.text[end:finish] + ("…" if finish < len(entry.text) else "")
    if entry.kind == PassageKind.NARRATIVE:
        page = reverse("rounds:report_detail", args=[entry.report_id])
    else:
        page = reverse("imports:review", args=[entry.object_id])
    # A text fragment: the browser scrolls to and highlights the passage itself.
    fragment = quote(entry.text[start:end] or entry.text[:40], safe="")
    return Hit(entry, before, entry.text[start:end], after, f"{page}#:~:text={fragment}")
