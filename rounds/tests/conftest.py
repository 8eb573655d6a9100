"""Rounds fixtures: the 2023 round of the seed (rounds.testing.open_seed_round) and its reports."""

from __future__ import annotations

import pytest

from rounds.models import Report, Round
from rounds.testing import open_seed_round


@pytest.fixture
def seed_round(cast) -> Round:
    return open_seed_round(cast)


@pytest.fixture
def bdt_report(seed_round, cast) -> Report:
    return seed_round.reports.get(agency=cast.bdt)


@pytest.fixture
def police_report(seed_round, cast) -> Report:
    return seed_round.reports.get(agency=cast.police)
