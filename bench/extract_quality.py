"""Score the extractor on the shared corpus and on both parts of our own, in every format.

corpus/dev/ is what the rules were tuned on; corpus/test/ was labelled blind by sessions that never
saw the extractor's code, and no rule is tuned while looking at it (corpus/README.md). Each part is
scored as written, then with every .txt document rebuilt as a .docx and as a .pdf (LibreOffice).

Then scans of some dev documents are scored against their text (bench/extract_scans.py).

Run from the project root: .venv/bin/python bench/extract_quality.py [--parts dev,test] [--scans 4]
[--text-tables]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
PARTS = {"dev": ROOT / "corpus" / "dev", "test": ROOT / "corpus" / "test"}
EXTRACT = f"{sys.executable} -m tonghop.cli extract"


def score(*folders: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(SHARED / "score.py"), "--quiet", "--run", EXTRACT, *map(str, folders)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return done.stdout.strip()


def text_documents(part: Path) -> list[tuple[str, dict]]:
    """The part's .txt documents with their labels."""
    found = []
    for path in sorted(part.glob("*.labels.json")):
        labels = json.loads(path.read_text(encoding="utf-8"))
        if labels["file"].endswith(".txt"):
            found.append((labels["file"].removesuffix(".txt"), labels))
    return found


def build_office_versions(part: Path, target: Path, tables: bool = False) -> dict[str, Path]:
    """A .docx of each .txt document of the part and, with LibreOffice, a .pdf of each .docx.
    tables: bare " | " rows of the text become Word tables (imports.testing.text_to_docx).

    The .txt is copied beside each build because the scorer reads quotes through it.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonghop.settings")
    sys.path.insert(0, str(ROOT))
    from imports.testing import text_to_docx

    folders = {ext: target / ext for ext in ("docx", "pdf")}
    for folder in folders.values():
        folder.mkdir()
    documents = text_documents(part)
    for name, labels in documents:
        text = (part / f"{name}.txt").read_text(encoding="utf-8")
        (folders["docx"] / f"{name}.docx").write_bytes(text_to_docx(text, text_tables=tables))
        for ext, folder in folders.items():
            shutil.copy(part / f"{name}.txt", folder / f"{name}.txt")
            (folder / f"{name}.labels.json").write_text(
                json.dumps({**labels, "file": f"{name}.{ext}"}, ensure_ascii=False),
                encoding="utf-8",
            )
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not documents:
        del folders["pdf"]
        return folders
    subprocess.run(  # one LibreOffice for the whole part
        [
            soffice,
            f"-env:UserInstallation={(target / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folders["pdf"]),
            *(str(folders["docx"] / f"{name}.docx") for name, _ in documents),
        ],
        capture_output=True,
        check=True,
        timeout=1800,
    )
    return folders


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="dev,test", help="which parts of corpus/ to score")
    parser.add_argument("--scans", type=int, default=4, help="dev documents scanned (0: none)")
    parser.add_argument(
        "--text-tables",
        action="store_true",
        help="build the .txt's bare ' | ' rows as Word tables, as the documents they were "
        "copied from held them (by default they stay paragraphs)",
    )
    args = parser.parse_args()
    if not (SHARED / "score.py").exists():
        print(f"shared corpus not found at {SHARED}; nothing to score")
        return 0
    print(f"shared corpus      : {score(SHARED)}")
    for name in args.parts.split(","):
        part = PARTS[name]
        if not any(part.glob("*.labels.json")):
            print(f"{name:<5} as written   : no labelled documents in {part}")
            continue
        print(f"{name:<5} as written   : {score(part)}")
        with tempfile.TemporaryDirectory() as tmp:
            built = build_office_versions(part, Path(tmp), args.text_tables)
            for ext in ("docx", "pdf"):
                if ext in built:
                    print(f"{name:<5} .txt as .{ext:<4}: {score(built[ext])}")
                else:
                    print(f"{name:<5} .txt as .{ext:<4}: skipped (LibreOffice not installed)")
    if args.scans:
        print(f"scans of {args.scans} dev documents (bench/extract_scans.py):", flush=True)
        scans = [sys.executable, str(ROOT / "bench" / "extract_scans.py"), "--documents"]
        subprocess.run([*scans, str(args.scans)], cwd=ROOT, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
