"""Read an uploaded document in a child process with a memory and a time limit.

A hostile file can make a reader allocate gigabytes (a PDF's content stream that inflates to
1 GiB from 1 MB) or work for minutes (hundreds of dense pages); the limits inside the readers
catch what they can see, and this process boundary catches the rest: the web worker that
asked never grows, and a child over its budget is ended and reported in Vietnamese.

The child runs `python -m imports.extraction.sandbox`: it reads a line of JSON (the file's
name, the learned synonyms, the budget) and then the file's bytes on standard input, limits its own address space to what it has mapped after its imports plus the memory
budget, and writes the extraction as JSON on standard output.
"""

from __future__ import annotations

import json
import re
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass

from .errors import ExtractionError

DEFAULT_SECONDS = 5.0
DEFAULT_MEMORY_BYTES = 256 * 1024 * 1024

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
    """The wall time and the memory, beyond the reader's own code, that one document may use."""

    seconds: float = DEFAULT_SECONDS
    memory_bytes: int = DEFAULT_MEMORY_BYTES


def extract_isolated(
    data: bytes, filename: str, synonyms: dict[str, str] | None, limits: Limits
) -> tuple[str, dict]:
    """(normalised text, extraction) of the document's bytes, read in a limited child process.

    Raises ExtractionError with the reader's own message, or with one of the messages above
    when the child ran out of time or memory or died.
    """
    header = {"filename": filename, "synonyms": synonyms, "memory_bytes": limits.memory_bytes}
    request = json.dumps(header).encode() + b"\n" + data
    try:
        done = subprocess.run(
            [sys.executable, "-m", "imports.extraction.sandbox"],
            input=request,
            capture_output=True,
            timeout=limits.seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ExtractionError(TOO_SLOW.format(seconds=f"{limits.seconds:g}")) from None
    if done.returncode == 0:
        answer = json.loads(done.stdout)
        if "error" in answer:
            raise ExtractionError(answer["error"])
        return answer["text"], answer["result"]
    if done.returncode in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV) or (
        b"MemoryError" in done.stderr
    ):
        raise ExtractionError(TOO_BIG)
    raise ExtractionError(CRASHED)


def _mapped_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        m = re.search(r"VmSize:\s+(\d+) kB", status.read())
    if m is None:
        raise OSError("/proc/self/status gives no VmSize")
    return int(m.group(1)) * 1024


def _child() -> None:
    from .document import read_text_and_extract
    from .readers import read_bytes

    request = json.loads(sys.stdin.buffer.readline())
    data = sys.stdin.buffer.read()
    budget = _mapped_bytes() + request["memory_bytes"]
    resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
    try:
        text, result = read_text_and_extract(
            read_bytes(data, request["filename"]), request["synonyms"]
        )
        answer = {"text": text, "result": result}
    except ExtractionError as e:
        answer = {"error": str(e)}
    sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode())


if __name__ == "__main__":
    _child()
