import io
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import F

from agencies.models import Agency
from audit.models import AuditRecord
from audit.verify import verify
from places.models import Era, Level
from rounds.models import DataValue, Report, ReportStatus, Round
from rounds.sheet import build_sheet
from tonghop.demo import DEMO_PASSWORD, USERS
from tonghop.testing import demo_loaded

SEED = Path(__file__).resolve().parents[2] / "../shared/corpus/seed"


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        yield


@pytest.mark.django_db
def test_demo_accounts_log_in_with_the_printed_password(demo_db):
    for username, role, agency, _name in USERS:
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None and user.role == role
        assert (user.agency.code if user.agency else None) == agency


@pytest.mark.django_db
def test_the_ethnic_affairs_committee_reports_the_seed_figures(demo_db):
    if not SEED.exists():
        pytest.skip(f"shared corpus not found at {SEED}")
    labels = json.loads(next(SEED.glob("*.labels.json")).read_text(encoding="utf-8"))
    bdt = Agency.objects.get(code="BDT")
    values = DataValue.objects.filter(agency=bdt, period__year=2023, place=bdt.unit)
    stored = sorted((int(v.value), v.qualifier) for v in values)
    # The seed's 4 trainings in districts and 1 in the city are one total of 5 with a breakdown.
    expected = [(f["value"], f["qualifier"]) for f in labels["figures"]]
    expected.remove((4, "exact"))
    expected.remove((1, "exact"))
    expected.append((5, "exact"))
    assert stored == sorted(expected)
    breakdown = DataValue.objects.filter(agency=bdt, period__year=2023, indicator__code="trainings")
    assert sum(v.value for v in breakdown.exclude(place=bdt.unit)) == 5


@pytest.mark.django_db
def test_the_seed_narrative_is_kept_word_for_word(demo_db):
    if not SEED.exists():
        pytest.skip(f"shared corpus not found at {SEED}")
    seed = " ".join(next(SEED.glob("*.txt")).read_text(encoding="utf-8").split())
    report = Report.objects.get(agency__code="BDT", round__period__year=2023)
    assert report.status == ReportStatus.ACCEPTED
    narratives = list(report.narratives.all())
    assert len(narratives) == 5
    for narrative in narratives:
        for paragraph in narrative.text.split("\n\n"):
            assert " ".join(paragraph.split()) in seed
    assert report.signer_name == "Vi Thanh Quyền"


@pytest.mark.django_db
def test_the_demo_round_has_every_state_and_a_late_agency(demo_db):
    states = set(Report.objects.filter(round__period__year=2023).values_list("status", flat=True))
    assert states == set(ReportStatus.values)
    late = Report.objects.get(round__period__year=2023, agency__code="UBND-LN")
    assert late.is_late()


@pytest.mark.django_db
def test_the_2023_chain_has_the_seed_report_under_the_province_under_the_ministry(demo_db):
    out = io.StringIO()
    call_command("rounds", "--year", "2023", "--reports", stdout=out)
    lines = out.getvalue().splitlines()
    bdt = lines.index("        - Ban Dân tộc tỉnh Bắc Giang: Đã tiếp nhận")

    def above(line: int, prefix: str) -> int:
        """The nearest line above `line` that starts with `prefix`: the round it lies under."""
        return next(n for n in range(line, -1, -1) if lines[n].startswith(prefix))

    province = above(bdt, "    Tỉnh: ")
    assert lines[province].startswith(
        "    Tỉnh: Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang | Năm 2023 |"
    )
    ministry = above(province, "Bộ: ")
    assert lines[ministry].startswith("Bộ: Bộ Lao động - Thương binh và Xã hội | Năm 2023 |")
    assert "    - Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang: Đã tiếp nhận" in lines


@pytest.mark.django_db
def test_running_demo_again_loads_nothing_twice(demo_db, capsys):
    before = DataValue.objects.count()
    call_command("demo")
    assert "Dữ liệu mẫu đã có sẵn" in capsys.readouterr().out
    assert DataValue.objects.count() == before


@pytest.mark.django_db
def test_the_2023_form_of_the_ethnic_affairs_committee_lists_the_districts_of_2023(demo_db):
    report = Report.objects.get(agency__code="BDT", round__period__year=2023)
    places = {c.place.name for c in build_sheet(report).cells if not c.is_total}
    # Bắc Giang on 31/12/2023, from the resolutions (1191/NQ-UBTVQH15 took effect on 1/1/2025).
    assert places == {
        "Bắc Giang", "Hiệp Hòa", "Lạng Giang", "Lục Nam", "Lục Ngạn",
        "Sơn Động", "Tân Yên", "Việt Yên", "Yên Dũng", "Yên Thế",
    }  # fmt: skip
    # Every demo figure of a district sits on a unit of its own year.
    for value in DataValue.objects.exclude(place__level="province").select_related("place"):
        assert value.place.is_valid_on(value.period.end), value.place


@pytest.mark.django_db
def test_the_2025_chain_carries_bac_ninhs_departments_and_communes_to_the_ministry(demo_db):
    national = Round.objects.get(coordinator__code="BYT")
    child = Round.objects.get(coordinator__code="SYT-BN")
    assert child.parent == national and national.coordinator.unit.level == Level.COUNTRY
    assert national.period.year == 2025 and child.deadline < national.deadline
    answer = national.reports.get(agency__code="SYT-BN")
    assert answer.compiled_from == child and answer.status == ReportStatus.ACCEPTED
    assert set(child.reports.values_list("status", flat=True)) == {ReportStatus.ACCEPTED}
    levels = {r.agency.unit.level for r in child.reports.select_related("agency__unit")}
    assert levels == {Level.PROVINCE, Level.COMMUNE}
    assert {r.agency.unit.era for r in national.reports.select_related("agency__unit")} == {
        Era.FROM_2025
    }
    sums: dict[int, Decimal] = defaultdict(Decimal)
    for value in DataValue.objects.filter(report__round=child, place_id=F("agency__unit_id")):
        sums[value.indicator_id] += value.value
    carried = answer.values.filter(place=answer.agency.unit)
    assert {v.indicator_id: v.value for v in carried} == dict(sums)
    assert all(v.carried_from.exists() for v in carried)
    others = national.reports.exclude(agency__code="SYT-BN")
    assert others.count() == 2 and not others.filter(compiled_from__isnull=False).exists()


@pytest.mark.django_db
def test_demo_values_carry_their_audit_trail(demo_db):
    report = verify()
    assert report.intact, report.problems
    values = AuditRecord.objects.filter(object_type="rounds.datavalue", field="giá trị")
    assert set(values.values_list("object_id", flat=True)) == {
        str(pk) for pk in DataValue.objects.values_list("pk", flat=True)
    }
