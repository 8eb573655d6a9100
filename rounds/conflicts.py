"""A stale save of the entry form, merged field by field against what is stored now.

The form carries a fingerprint of every field as it was loaded (its base); comparing base,
stored and typed tells who changed what, so nothing the other person saved is overwritten
without the officer seeing it and nothing the officer typed is thrown away.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

MINE, THEIRS = "mine", "theirs"
NUMBER_CHOICES = [(MINE, "Giữ số của tôi"), (THEIRS, "Lấy số đã lưu")]
TEXT_CHOICES = [(MINE, "Giữ nội dung của tôi"), (THEIRS, "Lấy nội dung đã lưu")]


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def encode_base(texts: Mapping[str, str]) -> str:
    """The hidden field's content: field name -> fingerprint of its text when loaded."""
    return json.dumps({name: fingerprint(text) for name, text in texts.items()}, sort_keys=True)


def decode_base(raw: str) -> dict[str, str] | None:
    """None when the page carried no usable base (then every difference is a conflict)."""
    try:
        base = json.loads(raw or "")
    except ValueError:
        return None
    if not isinstance(base, dict) or not all(isinstance(v, str) for v in base.values()):
        return None
    return base


@dataclass(frozen=True)
class Merge:
    """Fields both people changed differently (the officer chooses) and fields only the other
    person changed (their text is put on the page, since this officer had not touched it)."""

    conflicts: list[str] = field(default_factory=list)
    theirs: list[str] = field(default_factory=list)


def merge(
    base: Mapping[str, str] | None, stored: Mapping[str, str], typed: Mapping[str, str]
) -> Merge:
    """Three-way merge of a stale save over the fields both the page and the report have.

    A field the other person did not change (stored still matches the base) keeps the typed
    text silently; one only the other person changed (typed still matches the base) takes the
    stored text; one both changed to different texts is a conflict. Without a base, any typed
    text that differs from the stored one is a conflict.
    """
    conflicts, theirs = [], []
    for name in stored.keys() & typed.keys():
        if typed[name] == stored[name]:
            continue
        was = base.get(name) if base is not None else None
        if was == fingerprint(stored[name]):
            continue
        if was == fingerprint(typed[name]):
            theirs.append(name)
        else:
            conflicts.append(name)
    return Merge(sorted(conflicts), sorted(theirs))
