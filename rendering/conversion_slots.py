"""At most N LibreOffice conversions at once on this machine, whichever process asks.

The bound is a pool of N lock files under TONGHOP_VAR_DIR/pdf-slots: a conversion holds an
exclusive flock on one of them. A file lock rather than a database row because what it protects
is this machine's processors, where soffice runs: each app server gets its own N, the lock costs
no database write (SQLite would serialise them), and the kernel drops it when the holder dies,
so a killed worker never keeps a slot. The folder must be on a local disk (flock over NFS is
unreliable).
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

POLL_SECONDS = 0.2


class NoFreeSlot(RuntimeError):
    pass


def slot_folder() -> Path:
    folder = Path(settings.VAR_DIR) / "pdf-slots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _try_slots(folder: Path, count: int) -> int | None:
    """A descriptor holding one of the count slots, or None when all are taken."""
    for number in range(count):
        descriptor = os.open(folder / f"slot-{number}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            continue
        return descriptor
    return None


@contextmanager
def conversion_slot(wait: float) -> Iterator[None]:
    """Hold one of settings.TONGHOP_MAX_PDF_CONVERSIONS slots; NoFreeSlot after wait seconds."""
    folder, count = slot_folder(), settings.TONGHOP_MAX_PDF_CONVERSIONS
    deadline = time.monotonic() + wait
    while (descriptor := _try_slots(folder, count)) is None:
        if time.monotonic() >= deadline:
            raise NoFreeSlot(f"all {count} conversion slots stayed taken for {wait:g} s")
        time.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        os.close(descriptor)  # closing the descriptor releases the lock
