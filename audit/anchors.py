"""Anchoring the scopes' heads outside the database.

Each anchor lists the heads of the scopes that grew since the previous one, chained to it in
the database (audit.models.Anchor) and appended as a signed line to the anchor file
(settings.TONGHOP_AUDIT_ANCHOR_FILE). The HMAC key (settings.TONGHOP_AUDIT_KEY, or a key
generated once into VAR_DIR/audit.key) is never stored in the database, so someone who can
rewrite the database can neither forge a line nor make the database agree with the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from audit.models import ANCHOR_CHAIN, Anchor, AnchoredHead, ScopeHead

# The writes' commits anchor the grown heads at most this often per process (anchor_if_due);
# a record is protected by an anchor at most this long after its commit.
ANCHOR_INTERVAL = dt.timedelta(minutes=1)


def audit_key() -> bytes:
    """The HMAC key: the setting, else a key generated once into VAR_DIR/audit.key (0600)."""
    if settings.TONGHOP_AUDIT_KEY:
        return settings.TONGHOP_AUDIT_KEY.encode("utf-8")
    path = Path(settings.VAR_DIR) / "audit.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".audit.key.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_hex(32))
        try:
            os.link(draft, path)  # atomic: the first process to get here sets the key
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_bytes().strip()


def _mac(key: bytes, seq: int, at: str, digest: str) -> str:
    return hmac.new(key, f"{seq}|{at}|{digest}".encode(), hashlib.sha256).hexdigest()


def anchor_file() -> Path:
    return Path(settings.TONGHOP_AUDIT_ANCHOR_FILE)


def _append(entry: Anchor) -> None:
    at = entry.at.isoformat()
    line = {"seq": entry.seq, "at": at, "hash": entry.hash}
    line["mac"] = _mac(audit_key(), entry.seq, at, entry.hash)
    path = anchor_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write(json.dumps(line, sort_keys=True) + "\n")
        file.flush()
        os.fsync(file.fileno())


@dataclass(frozen=True)
class AnchorLine:
    seq: int
    at: str
    hash: str


def read_anchor_file() -> tuple[list[AnchorLine], list[str]]:
    """The file's lines whose signature holds, and what is wrong with the others."""
    path = anchor_file()
    if not path.exists():
        return [], []
    key = audit_key()
    lines, problems = [], []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            raw = json.loads(text)
            line = AnchorLine(int(raw["seq"]), str(raw["at"]), str(raw["hash"]))
            signed = hmac.compare_digest(str(raw["mac"]), _mac(key, line.seq, line.at, line.hash))
        except (ValueError, KeyError, TypeError):
            problems.append(f"Tệp neo {path}, dòng {number}: không đọc được.")
            continue
        if not signed:
            problems.append(
                f"Tệp neo {path}, dòng {number} (neo số {line.seq}): chữ ký không đúng, "
                "dòng này đã bị sửa hoặc không do hệ thống ghi."
            )
            continue
        lines.append(line)
    return lines, problems


def anchor(*, wait: bool = True) -> Anchor | None:
    """Anchor the heads of the scopes grown since the last anchor; None when none grew (or,
    with wait=False, when another process is anchoring)."""
    with transaction.atomic():
        root = ScopeHead.objects.lock(ANCHOR_CHAIN, skip_locked=not wait)
        if root is None:
            return None
        anchored = AnchoredHead.objects.filter(scope=OuterRef("scope"), seq=OuterRef("seq"))
        grown = (
            ScopeHead.objects.exclude(scope=ANCHOR_CHAIN)
            .filter(seq__gt=0)
            .exclude(Exists(anchored))
            .values_list("scope", "seq", "hash")
        )
        heads = list(grown)
        if not heads:
            return None
        entry = Anchor(
            seq=root.seq + 1,
            prev_hash=root.hash,
            heads={scope: [seq, digest] for scope, seq, digest in heads},
        )
        entry.hash = entry.compute_hash()
        entry.save()
        AnchoredHead.objects.bulk_create(
            [AnchoredHead(scope=scope, seq=seq, hash=digest) for scope, seq, digest in heads],
            update_conflicts=True,
            unique_fields=["scope"],
            update_fields=["seq", "hash"],
        )
        root.seq, root.hash = entry.seq, entry.hash
        root.save(update_fields=["seq", "hash"])
        _append(entry)  # last: a failure here rolls the anchor back
    return entry


class Schedule:
    """When this process next looks whether an anchor is due (time.monotonic seconds)."""

    next_check = 0.0


def anchor_if_due() -> None:
    """After a write's commit: anchor when the last anchor is older than ANCHOR_INTERVAL,
    checked at most once per interval per process, never waiting for another anchoring."""
    now = time.monotonic()
    if now < Schedule.next_check:
        return
    Schedule.next_check = now + ANCHOR_INTERVAL.total_seconds()
    last = Anchor.objects.order_by("-seq").values_list("at", flat=True).first()
    if last is None or timezone.now() - last >= ANCHOR_INTERVAL:
        anchor(wait=False)
