"""Checking the audit trail: each scope's chain, the anchors against the signed file, each
scope against its latest anchor, and the stored values against their trail."""

from __future__ import annotations

from dataclasses import dataclass, field

from audit import anchors, trail
from audit.models import ANCHOR_CHAIN, Anchor, AnchoredHead, AuditRecord, ScopeHead

Head = tuple[int, str]  # a chain's length and its last hash


@dataclass
class AuditReport:
    records: int = 0
    scopes: int = 0
    anchors: int = 0
    last_anchor: str = ""  # hash of the last anchor that the file confirms
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


@dataclass
class _Anchored:
    head: Head
    anchor_seq: int


def verify(expected_anchor: str = "") -> AuditReport:
    report = AuditReport()
    anchored, hashes = _check_anchors(report)
    ends = _check_chains(report, anchored)
    _check_heads(report, anchored, ends)
    report.problems += trail.mismatches()
    if expected_anchor and expected_anchor not in hashes:
        report.problems.append(
            f"Không còn neo có mã băm {expected_anchor}; các neo hiện có: {report.anchors}."
        )
    return report


def _check_anchors(report: AuditReport) -> tuple[dict[str, _Anchored], set[str]]:
    """The heads the confirmed anchors record, and those anchors' hashes."""
    lines, problems = anchors.read_anchor_file()
    report.problems += problems
    in_file: dict[int, anchors.AnchorLine] = {}
    for line in lines:
        if line.seq in in_file:
            report.problems.append(f"Tệp neo ghi neo số {line.seq} hai lần.")
        in_file[line.seq] = line
    anchored: dict[str, _Anchored] = {}
    hashes: set[str] = set()
    previous = ""
    for entry in Anchor.objects.order_by("seq").iterator():
        signed = in_file.pop(entry.seq) if entry.seq in in_file else None
        if entry.prev_hash != previous or entry.compute_hash() != entry.hash:
            report.problems.append(
                f"Neo số {entry.seq} trong cơ sở dữ liệu đã bị sửa hoặc chuỗi neo bị cắt xén."
            )
        elif signed is None:
            report.problems.append(f"Neo số {entry.seq} không có trong tệp neo đã ký.")
        elif signed.hash != entry.hash or signed.at != entry.at.isoformat():
            report.problems.append(f"Neo số {entry.seq} khác với dòng đã ký trong tệp neo.")
        else:
            for scope, (seq, digest) in entry.heads.items():
                anchored[scope] = _Anchored((seq, digest), entry.seq)
            hashes.add(entry.hash)
            report.last_anchor = entry.hash
        previous = entry.hash
        report.anchors += 1
    report.problems += [
        f"Neo số {seq} có trong tệp neo đã ký nhưng đã bị xóa khỏi cơ sở dữ liệu."
        for seq in sorted(in_file)
    ]
    noted = {a.scope: (a.seq, a.hash) for a in AnchoredHead.objects.iterator()}
    if noted != {scope: a.head for scope, a in anchored.items()}:
        report.problems.append(
            "Bảng đầu chuỗi đã neo (audit_anchoredhead) không khớp với các neo đã ký."
        )
    return anchored, hashes


def _check_chains(report: AuditReport, anchored: dict[str, _Anchored]) -> dict[str, Head | None]:
    """Walk each scope's chain; its end, or None when it is broken (the break is reported)."""
    ends: dict[str, Head | None] = {}
    scope, head, last_pk = "", (0, ""), 0
    for entry in AuditRecord.objects.order_by("scope", "seq").iterator(chunk_size=2000):
        report.records += 1
        if entry.scope != scope:
            scope, head, last_pk = entry.scope, (0, ""), 0
            ends[scope] = head
            report.scopes += 1
        if ends[scope] is None:
            continue
        problem = ""
        if entry.seq != head[0] + 1:
            problem = (
                f"thiếu bản ghi số {head[0] + 1} của chuỗi (bản ghi kế tiếp mang số {entry.seq})"
            )
        elif entry.prev_hash != head[1] or entry.compute_hash() != entry.hash:
            problem = f"bản ghi số {entry.seq} không khớp với chuỗi băm"
        elif entry.pk <= last_pk:
            problem = f"bản ghi số {entry.seq} bị đảo thứ tự"
        elif _differs_from_anchor(anchored.get(scope), entry):
            problem = f"bản ghi số {entry.seq} khác với neo đã ký"
        if problem:
            report.problems.append(
                f"Phạm vi {scope}: {problem} (mã {entry.pk}, {entry.at:%H:%M %d/%m/%Y}, "
                f"{entry.action} {entry.object_repr})."
            )
            ends[scope] = None
            continue
        head, last_pk = (entry.seq, entry.hash), entry.pk
        ends[scope] = head
    return ends


def _differs_from_anchor(mark: _Anchored | None, entry: AuditRecord) -> bool:
    return mark is not None and mark.head[0] == entry.seq and mark.head[1] != entry.hash


def _check_heads(
    report: AuditReport, anchored: dict[str, _Anchored], ends: dict[str, Head | None]
) -> None:
    """Every anchored scope still reaches its anchored head; every head row its chain's end."""
    for scope, mark in sorted(anchored.items()):
        if scope not in ends:
            report.problems.append(
                f"Phạm vi {scope}: toàn bộ bản ghi đã bị xóa "
                f"(neo số {mark.anchor_seq} ghi nhận {mark.head[0]} bản ghi)."
            )
        elif (end := ends[scope]) is not None and end[0] < mark.head[0]:
            report.problems.append(
                f"Phạm vi {scope}: bị cắt mất {mark.head[0] - end[0]} bản ghi cuối "
                f"(neo số {mark.anchor_seq} ghi nhận {mark.head[0]} bản ghi, còn {end[0]})."
            )
    heads = ScopeHead.objects.exclude(scope=ANCHOR_CHAIN).values_list("scope", "seq", "hash")
    for scope, seq, digest in heads.iterator():
        end = ends.pop(scope, (0, ""))
        if end is not None and end != (seq, digest):
            report.problems.append(
                f"Phạm vi {scope}: đầu chuỗi ghi {seq} bản ghi nhưng chuỗi còn {end[0]} bản ghi."
            )
    report.problems += [
        f"Phạm vi {scope}: có bản ghi nhưng không có đầu chuỗi." for scope in sorted(ends)
    ]
