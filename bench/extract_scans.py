"""Score the extractor on scans of labelled documents, against the same documents as text.

Each chosen .txt document of corpus/dev/ is rebuilt as .docx and .pdf (LibreOffice, as
bench/extract_quality.py does), each PDF page is rendered at 150, 200 and 300 dpi and spoiled
as a scan is: a skew of 0.5-3 degrees, a red round stamp over the signature, gray noise; every
other document becomes a scanned PDF of JPEG pages, the others a multi-page TIFF. The scans are
scored with the shared corpus's score.py against the same labels, beside the .txt and the text
PDF, and timed: seconds per page of our OCR (extract_path on the file) and of plain
`tesseract PAGE.png out -l vie tsv` on the same pages, in the same session. Medians.

Run from the project root: .venv/bin/python bench/extract_scans.py [--documents 12|NAME,NAME]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonghop.settings")

import numpy as np  # noqa: E402
from extract_quality import SHARED, build_office_versions, score, text_documents  # noqa: E402
from PIL import Image, ImageChops, ImageDraw  # noqa: E402

DEV = ROOT / "corpus" / "dev"
DPIS = (150, 200, 300)
STAMP_RED = (210, 30, 40)


def chosen(spec: str) -> list[str]:
    """A count (spread evenly over the part, tables included) or names, comma-separated."""
    names = [name for name, _ in text_documents(DEV)]
    if spec.isdigit():
        step = max(1, len(names) / int(spec))
        return [names[int(i * step)] for i in range(min(int(spec), len(names)))]
    unknown = set(spec.split(",")) - set(names)
    if unknown:
        raise SystemExit(f"no such .txt document in {DEV}: {', '.join(sorted(unknown))}")
    return spec.split(",")


def stamp(page: Image.Image, centre: tuple[float, float], dpi: int) -> Image.Image:
    """A red round seal (two rings and a star) laid over the page like ink: it darkens."""
    radius = 0.75 * dpi  # a 38 mm seal
    seal = Image.new("RGB", page.size, "white")
    draw = ImageDraw.Draw(seal)
    x, y = centre
    for r, width in ((radius, max(2, dpi // 40)), (radius * 0.72, max(1, dpi // 80))):
        draw.ellipse((x - r, y - r, x + r, y + r), outline=STAMP_RED, width=width)
    points = []
    for i in range(10):  # a five-pointed star: outer and inner points in turn
        reach = radius * (0.3 if i % 2 == 0 else 0.12)
        angle = math.radians(90 + 36 * i)
        points.append((x + reach * math.cos(angle), y - reach * math.sin(angle)))
    draw.polygon(points, fill=STAMP_RED)
    return ImageChops.multiply(page, seal)


def spoiled(page: Image.Image, rng: random.Random) -> Image.Image:
    """The page as a scanner gives it back: tilted, and with gray noise."""
    angle = rng.uniform(0.5, 3.0) * rng.choice((-1, 1))
    page = page.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor="white")
    pixels = np.asarray(page).astype(np.int16)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 14, pixels.shape[:2])
    return Image.fromarray(np.clip(pixels + noise[..., None], 0, 255).astype(np.uint8))


def make_scans(pdf_path: Path, labels: dict, dpi: int, rng: random.Random, out: Path) -> list[Path]:
    """The document's scan (out, .pdf or .tiff) and its pages as PNG (for plain Tesseract)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_path)
    pages = []
    for index, pdf_page in enumerate(pdf):
        image = pdf_page.render(scale=dpi / 72).to_pil().convert("RGB")
        if index == len(pdf) - 1:
            image = stamp(image, seal_place(pdf_page, labels.get("signer_name"), dpi, image), dpi)
        pages.append(spoiled(image, rng))
    pdf.close()
    if out.suffix == ".pdf":
        pages[0].save(out, save_all=True, append_images=pages[1:], resolution=dpi, quality=70)
    else:
        pages[0].save(
            out,
            save_all=True,
            append_images=pages[1:],
            dpi=(dpi, dpi),
            compression="jpeg",  # as scanners write colour TIFFs: LZW on noise tops the upload limit
            quality=75,
        )
    pngs = []
    for i, page in enumerate(pages):
        pngs.append(out.with_name(f"{out.stem}.page{i}.png"))
        page.save(pngs[-1], dpi=(dpi, dpi))
    return pngs


def seal_place(pdf_page, signer: str | None, dpi: int, image: Image.Image) -> tuple[float, float]:
    """Over the start of the signer's name, a little above it (the signature); without a name
    found, where the signature usually is: the right half, two thirds down."""
    scale = dpi / 72
    textpage = pdf_page.get_textpage()
    try:
        found = textpage.search(signer).get_next() if signer else None
        if found:
            left, _, _, top = textpage.get_charbox(found[0])
            height = pdf_page.get_height()
            return left * scale, (height - top) * scale - 0.3 * dpi
    finally:
        textpage.close()
    return image.width * 0.7, image.height * 0.66


def plain_tesseract_seconds(png: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        ["tesseract", str(png), str(png.with_suffix("")), "-l", "vie", "tsv"],
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", default="12", help="how many .txt documents, or names")
    parser.add_argument(
        "--dpi", default=",".join(map(str, DPIS)), help="resolutions, comma-separated"
    )
    parser.add_argument("--seed", type=int, default=30)
    args = parser.parse_args()
    if shutil.which("tesseract") is None or shutil.which("soffice") is None:
        print(
            "needs tesseract (tesseract-ocr, tesseract-ocr-vie) and LibreOffice; nothing measured"
        )
        return 0
    from imports.extraction import extract_path

    names = chosen(args.documents)
    rng = random.Random(args.seed)
    ours: list[float] = []
    plain: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp, "text")
        subset.mkdir()
        for name in names:
            for suffix in (".txt", ".labels.json"):
                shutil.copy(DEV / f"{name}{suffix}", subset)
        built = build_office_versions(subset, Path(tmp))
        print(
            f"{len(names)} documents of {DEV} (of {len(text_documents(DEV))}); load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} processors"
        )
        print(f"text .txt            : {score(subset)}")
        print(f"text .pdf            : {score(built['pdf'])}")
        for dpi in map(int, args.dpi.split(",")):
            folder, predictions = Path(tmp, f"scan{dpi}"), Path(tmp, f"pred{dpi}")
            folder.mkdir()
            predictions.mkdir()
            for i, name in enumerate(names):
                labels = json.loads((subset / f"{name}.labels.json").read_text(encoding="utf-8"))
                scan = folder / f"{name}.{'pdf' if i % 2 == 0 else 'tiff'}"
                pngs = make_scans(built["pdf"] / f"{name}.pdf", labels, dpi, rng, scan)
                shutil.copy(subset / f"{name}.txt", folder)
                labels["file"] = scan.name
                (folder / f"{name}.labels.json").write_text(
                    json.dumps(labels, ensure_ascii=False), encoding="utf-8"
                )
                started = time.perf_counter()
                try:
                    result = extract_path(scan)
                except Exception as e:  # a failure scores as an empty prediction
                    print(f"  {scan.name}: {e}")
                    result = {}
                ours.append((time.perf_counter() - started) / len(pngs))
                (predictions / f"{scan.name}.json").write_text(
                    json.dumps(result, ensure_ascii=False), encoding="utf-8"
                )
                plain += [plain_tesseract_seconds(png) for png in pngs]
                for png in pngs:
                    png.unlink()
            summary = subprocess.run(
                [
                    sys.executable,
                    str(SHARED / "score.py"),
                    "--quiet",
                    "--pred",
                    str(predictions),
                    str(folder),
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            print(f"scan {dpi} dpi          : {summary}")
    print(
        f"seconds per page: ours {median(ours):.2f}, plain tesseract {median(plain):.2f}, "
        f"ratio {median(ours) / median(plain):.2f} (medians over {len(ours)} scans, {len(plain)} pages)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
