from __future__ import annotations

import json

import pytest

from imports.testing import SHARED
from rounds.testing import open_seed_round


@pytest.fixture
def seed():
    """The seed report's text and labels from the shared corpus."""
    labels_path = SHARED / "seed" / "bc-pcmd-2023-ban-dan-toc-bac-giang.labels.json"
    if not labels_path.exists():
        pytest.skip(f"shared corpus not found at {SHARED} (expected ../shared/corpus)")
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    return (labels_path.parent / labels["file"]).read_text(encoding="utf-8"), labels


@pytest.fixture
def bdt_report(cast):
    """The Ethnic Affairs Committee's report in the 2023 round of the seed."""
    return open_seed_round(cast).reports.get(agency=cast.bdt)
