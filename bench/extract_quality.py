"""Score the extractor on the shared corpus, our own corpus, and .docx/.pdf builds of two of ours.

Run from the project root: .venv/bin/python bench/extract_quality.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
OWN = ROOT / "corpus"
EXTRACT = f"{sys.executable} -m tonghop.cli extract"
BUILT = ["bc-ubnd-huyen-luc-nam-2024", "bc-phong-vhtt-quan-ngo-quyen-bang-2024"]


def score(*folders: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(SHARED / "score.py"), "--quiet", "--run", EXTRACT, *map(str, folders)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return done.stdout.strip()


def build_office_versions(target: Path) -> None:
    """A .docx (and, with LibreOffice, a .pdf) of some of our documents, each with its labels."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonghop.settings")
    sys.path.insert(0, str(ROOT))
    from imports.testing import docx_to_pdf, text_to_docx

    for name in BUILT:
        text = (OWN / f"{name}.txt").read_text(encoding="utf-8")
        labels = json.loads((OWN / f"{name}.labels.json").read_text(encoding="utf-8"))
        docx = text_to_docx(text)
        versions = {"docx": docx, "pdf": docx_to_pdf(docx)}
        for ext, data in versions.items():
            if data is None:
                continue
            folder = target / ext
            folder.mkdir(exist_ok=True)
            (folder / f"{name}.{ext}").write_bytes(data)
            shutil.copy(OWN / f"{name}.txt", folder / f"{name}.txt")  # the scorer reads quotes here
            (folder / f"{name}.labels.json").write_text(
                json.dumps({**labels, "file": f"{name}.{ext}"}, ensure_ascii=False),
                encoding="utf-8",
            )


def main() -> int:
    if not (SHARED / "score.py").exists():
        print(f"shared corpus not found at {SHARED}; nothing to score")
        return 0
    print(f"shared corpus : {score(SHARED)}")
    print(f"our corpus    : {score(OWN)}")
    with tempfile.TemporaryDirectory() as tmp:
        build_office_versions(Path(tmp))
        for ext in ("docx", "pdf"):
            if (Path(tmp) / ext).exists():
                print(f"our .{ext:<5}    : {score(Path(tmp) / ext)}")
            else:
                print(f"our .{ext:<5}    : skipped (LibreOffice not installed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
