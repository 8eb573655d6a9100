"""Read an uploaded document in a child process with a memory and a time limit.

A hostile file can make a reader allocate gigabytes (a PDF's content stream that inflates to
1 GiB from 1 MB) or work for minutes (hundreds of dense pages); the limits inside the readers
catch what they can see, and this process boundary catches the rest: the web worker that
asked never grows, and a child over its budget is ended and reported in Vietnamese.

The child runs `python -m imports.extraction.sandbox`: it reads a line of JSON (the file's
name, the learned synonyms, the budget) and then the file's bytes on standard input, limits its own address space to what it has mapped after its imports plus the memory
budget, and writes the extraction as JSON on standard output.

A scan is read through OCR, which takes seconds a page: before it starts, the child writes a
line {"ocr_pages": n}, and its time grows by scan_seconds_per_page for each of those pages. The
child leads a process group of its own, so Tesseract, run by the child, ends with it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import dataclass

from .errors import ExtractionError

DEFAULT_SECONDS = 5.0
DEFAULT_MEMORY_BYTES = 256 * 1024 * 1024
# A page takes Tesseract 2-4 s on one free processor of this project's CI machine, and our
# preparation of it about as long again; the budget leaves room for a busy server.
DEFAULT_SCAN_SECONDS_PER_PAGE = 30.0

TOO_SLOW = (
    "Tệp quá dài hoặc quá phức tạp để đọc trong {seconds} giây; hãy tách thành nhiều tệp "
    "nhỏ hơn hoặc lưu lại dạng .docx."
)
TOO_BIG = (
    "Tệp cần quá nhiều bộ nhớ để đọc (nghi là tệp nén bất thường hoặc bị hỏng); "
    "hãy lưu lại tệp từ Word rồi tải lên lần nữa."
)
CRASHED = "Không đọc được tệp: trình đọc gặp lỗi với nội dung của tệp này."


@dataclass(frozen=True)
class Limits:
    """The wall time and the memory, beyond the reader's own code, that one document may use;
    a scan has scan_seconds_per_page more for each page read through OCR."""

    seconds: float = DEFAULT_SECONDS
    memory_bytes: int = DEFAULT_MEMORY_BYTES
    scan_seconds_per_page: float = DEFAULT_SCAN_SECONDS_PER_PAGE


def extract_isolated(
    data: bytes, filename: str, synonyms: dict[str, str] | None, limits: Limits
) -> tuple[str, dict]:
    """(normalised text, extraction) of the document's bytes, read in a limited child process.

    Raises ExtractionError with the reader's own message, or with one of the messages above
    when the child ran out of time or memory or died.
    """
    header = {"filename": filename, "synonyms": synonyms, "memory_bytes": limits.memory_bytes}
    request = json.dumps(header).encode() + b"\n" + data
    child = subprocess.Popen(
        [sys.executable, "-m", "imports.extraction.sandbox"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        stdout, stderr = _exchange(child, request, limits)
    finally:
        _end(child)
    if child.returncode == 0:
        answer = json.loads(stdout.splitlines()[-1])
        if "error" in answer:
            raise ExtractionError(answer["error"])
        return answer["text"], answer["result"]
    if child.returncode in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV) or (
        b"MemoryError" in stderr
    ):
        raise ExtractionError(TOO_BIG)
    raise ExtractionError(CRASHED)


def _exchange(child: subprocess.Popen, request: bytes, limits: Limits) -> tuple[bytes, bytes]:
    """Send the request, then collect the child's output until it ends, its time growing when
    it announces pages of OCR; raises TOO_SLOW when its time is up."""
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    budget = limits.seconds
    started = time.monotonic()
    try:
        child.stdin.write(request)
        child.stdin.close()
    except BrokenPipeError:
        pass  # the child died reading: its exit status says why
    output = {child.stdout.fileno(): bytearray(), child.stderr.fileno(): bytearray()}
    announced = False
    with selectors.DefaultSelector() as selector:
        for fd in output:
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            left = started + budget - time.monotonic()
            if left <= 0:
                raise ExtractionError(TOO_SLOW.format(seconds=f"{budget:g}"))
            for key, _ in selector.select(left):
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    selector.unregister(key.fd)
                output[key.fd] += chunk
            stdout = output[child.stdout.fileno()]
            if not announced and b"\n" in stdout:
                announced = True
                first = json.loads(stdout[: stdout.index(b"\n")])
                budget += first.get("ocr_pages", 0) * limits.scan_seconds_per_page
    try:
        child.wait(max(0.1, started + budget - time.monotonic()))
    except subprocess.TimeoutExpired:
        raise ExtractionError(TOO_SLOW.format(seconds=f"{budget:g}")) from None
    return bytes(output[child.stdout.fileno()]), bytes(output[child.stderr.fileno()])


def _end(child: subprocess.Popen) -> None:
    """Stop the child and whatever it started (Tesseract), if they still run."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    for stream in (child.stdout, child.stderr):
        if stream is not None:
            stream.close()


def _mapped_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        m = re.search(r"VmSize:\s+(\d+) kB", status.read())
    if m is None:
        raise OSError("/proc/self/status gives no VmSize")
    return int(m.group(1)) * 1024


def _child() -> None:
    from .document import read_scan_and_extract
    from .readers import read_document

    request = json.loads(sys.stdin.buffer.readline())
    data = sys.stdin.buffer.read()
    budget = _mapped_bytes() + request["memory_bytes"]
    resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
    try:
        reading = read_document(data, request["filename"], _announce)
        text, result = read_scan_and_extract(reading.text, reading.scan, request["synonyms"])
        answer = {"text": text, "result": result}
    except ExtractionError as e:
        answer = {"error": str(e)}
    sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode())


def _announce(pages: int) -> None:
    """Tell the parent how many pages of OCR are coming: each adds to the child's time."""
    sys.stdout.buffer.write(json.dumps({"ocr_pages": pages}).encode() + b"\n")
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _child()
