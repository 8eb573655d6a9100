"""The demo's 2023 chain: the ministry's national round, answered by Bắc Giang's round."""

from __future__ import annotations

import pytest

from analytics.compilation import compile_round
from places.models import Level
from rendering.tests.test_render_command import render
from rounds.models import DataValue, Round
from rounds.upward import outdated_values


@pytest.mark.django_db
def test_the_national_round_compiles_and_renders_by_province(demo_db, tmp_path):
    national = Round.objects.get(period__year=2023, coordinator__code="BLĐTBXH")
    province = national.children.get()
    assert province.coordinator.code == "LĐTBXH"
    answer = national.reports.get(compiled_from=province)
    assert not outdated_values(answer)
    sessions = DataValue.objects.get(
        report=answer, indicator__code="propaganda_sessions", place=answer.agency.unit
    )
    assert sessions.carried_from.filter(agency__code="BDT").exists()
    compilation = compile_round(national)
    assert compilation.places and all(p.level == Level.PROVINCE for p in compilation.places)
    line = next(li for li in compilation.lines if li.indicator.code == "propaganda_sessions")
    assert line.total.value == sessions.value
    document = render(tmp_path, "compiled", "--year", "2023", "--round", str(national.pk), "n.docx")
    assert document[:2] == b"PK"
