"""Deadline day now against the commit before issue 17's work, run one after the other.

    .venv/bin/python bench/deadline_compare.py [--levels 4,16] [--seconds 20]
        [--base-dir /work/wt-deadline-base]

The base is the commit before the first per-scope audit chain (553806e^ = ad48fc9: one global
audit chain, the sheet read twice per save, the places fingerprinted per request). It is
checked out, detached, in --base-dir (a git worktree, added if missing) and its own
bench/deadline_day.py runs there on its own database (tonghop_deadline_base), then this
checkout's on tonghop_deadline: same levels, same seconds, same machine, same session (the base,
which has no warm-up, plays a first level of 3 clients that is not compared). Both benches'
whole output goes to files in a temporary folder; printed are each one's last line, the
requests per second of each level side by side, their ratios (now / base), and the ratio of
the rates the last lines' rule picks (no error, save p95 under 300 ms) on the levels both ran.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_COMMIT = "ad48fc9"  # 553806e^, the parent of "Audit: one hash chain per scope"
LEVEL = re.compile(r"^concurrency (\d+): \d+ requests in [\d.]+ s = (\d+) req/s, errors (\d+)")
BASE_WARM_UP = 3  # clients of the base's first level, not compared (no level of its own)
SAVE_P95 = re.compile(r"^  save draft +n= *\d+ +p50 +\d+ ms +p95 +(\d+) ms")
# The base's bench names its database in a constant: run it with another name.
BASE_RUNNER = """
import sys
sys.path.insert(0, "bench")
import deadline_day
deadline_day.DATABASE = "tonghop_deadline_base"
sys.argv = ["bench/deadline_day.py", *sys.argv[1:]]
deadline_day.main()
"""


def base_checkout(path: Path) -> Path:
    if not path.exists():
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(path), BASE_COMMIT], cwd=ROOT, check=True
        )
    return path


def run(command: list[str], cwd: Path, log: Path) -> list[str]:
    """The bench's output lines, kept in log; a failed run stops the comparison."""
    print(f"running {log.stem} bench in {cwd} (output in {log})", flush=True)
    with log.open("w") as out:
        done = subprocess.run(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    lines = log.read_text().splitlines()
    if done.returncode != 0:
        raise SystemExit("the bench failed:\n" + "\n".join(lines[-20:]))
    return lines


def levels(lines: list[str]) -> dict[int, tuple[int, int, int]]:
    """concurrency -> (req/s, errors, save p95 ms) from a bench's per-level lines."""
    found: dict[int, tuple[int, int, int]] = {}
    current = None
    for line in lines:
        if match := LEVEL.match(line):
            current = int(match[1])
            found[current] = (int(match[2]), int(match[3]), 0)
        elif current is not None and (match := SAVE_P95.match(line)):
            rate, errors, _ = found[current]
            found[current] = (rate, errors, int(match[1]))
    return found


def best(found: dict[int, tuple[int, int, int]]) -> int:
    return max((r for r, errors, p95 in found.values() if errors == 0 and p95 < 300), default=0)


def ratio(now: int, base: int) -> str:
    return f"{now / base:.2f}" if base else "n/a (no base level met the rule)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="4,16")
    parser.add_argument("--seconds", default="20")
    parser.add_argument("--base-dir", type=Path, default=Path("/work/wt-deadline-base"))
    args = parser.parse_args()
    options = ["--levels", args.levels, "--seconds", args.seconds]
    logs = Path(tempfile.mkdtemp(prefix="deadline-compare-"))
    # The base has no warm-up of its own: a first level of 3 clients plays it, left out below
    # (its own last line may still name it).
    warm_up = ["--levels", f"{BASE_WARM_UP},{args.levels}", "--seconds", args.seconds]
    base = run(
        [sys.executable, "-c", BASE_RUNNER, *warm_up, "--port", "8732"],
        base_checkout(args.base_dir),
        logs / "base.txt",
    )
    now = run(
        [sys.executable, "bench/deadline_day.py", *options, "--port", "8731"],
        ROOT,
        logs / "now.txt",
    )
    print(f"\nbase ({BASE_COMMIT}): {base[-1]}")
    print(f"now: {now[-1]}")
    base_levels, now_levels = levels(base), levels(now)
    base_levels.pop(BASE_WARM_UP, None)
    for c in sorted(set(base_levels) & set(now_levels)):
        (b, be, bp), (n, ne, np) = base_levels[c], now_levels[c]
        print(
            f"  {c:>3} clients: base {b} req/s (save p95 {bp} ms, errors {be}), now {n} req/s "
            f"(save p95 {np} ms, errors {ne}): ratio {ratio(n, b)}"
        )
    # The rule of the last lines, on the levels both ran: the best rate with no error and
    # save p95 under 300 ms.
    print(
        f"ratio of the rates by that rule, now / base: {ratio(best(now_levels), best(base_levels))}"
    )


if __name__ == "__main__":
    main()
