"""Hostile query strings on every page and data API operation, as every role: never a 500.

Each parameter a page reads is tried alone with each hostile value; a refusal is a 400 (422 in
the API, as for any invalid input there) with a Vietnamese message.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from accounts.models import ApiToken
from accounts.testing import login_verified
from tonghop.tests.test_access_everywhere import PAGES, ROLES, build_world

HOSTILE = [
    "²",  # str.isdigit() says yes, int() says no
    "١٢",  # Arabic-Indic digits: int() reads them
    "１２",  # full-width digits
    "0",
    "-1",
    "2101",
    "9223372036854775808",
    "99999999999999999999",
    "1e3",
    " 2023",
    "x" * 3000,
    "<b>&amp;",
]
VIETNAMESE = set("ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ")
# The query parameters each page reads (grep request.GET): name -> parameters.
PAGE_PARAMETERS = {
    "analytics:dashboard": ["nam"],
    "imports:review": ["trang"],
    "analytics:pivot": [
        "chi-tieu",
        "co-quan",
        "tu-nam",
        "den-nam",
        "hang",
        "cot",
        "cap",
        "ky",
        "nhap",
        "dinh-dang",
        "dot",
        "dia-ban",
    ],
    "analytics:compilation": ["nhap", "dinh-dang"],
    "analytics:search": ["q", "co-quan", "dia-ban", "nam"],
    "rendering:round_document": ["nhap"],
    "accounts:login": ["next", "username"],
}
API_PARAMETERS = {
    name: ["indicator", "agency", "place", "year", "kind", "breakdown", "drafts", "offset", "limit"]
    for name in ["api:list_values", "api:values_csv", "api:values_adx"]
}


# A parameter named in code: request.GET.get("nam"), query.getlist("chi-tieu"), params.year("nam").
READ_PARAMETER = re.compile(r'(?:GET|query)\.(?:get|getlist)\("([^"]+)"|params\.\w+\("([^"]+)"')
SOURCE = Path(__file__).resolve().parents[2]


def test_every_query_parameter_read_in_the_code_is_fuzzed():
    read = set()
    for path in SOURCE.glob("*/*.py"):
        if "tests" not in path.parts:
            read |= {a or b for a, b in READ_PARAMETER.findall(path.read_text("utf-8"))}
    fuzzed = {p for parameters in PAGE_PARAMETERS.values() for p in parameters}
    # Not seen here: the pivot's tu-nam and den-nam (read through a variable), the login's next.
    assert read <= fuzzed


def _page_cases():
    for name, parameters in PAGE_PARAMETERS.items():
        for index, row in enumerate(PAGES[name]):
            if row[0] == "get":
                yield pytest.param(name, index, parameters, id=f"{name}[{index}]")


def _refusal_problem(response, api: bool) -> str | None:
    """None when the response is a success, a redirect or an explained refusal."""
    if response.status_code >= 500:
        return f"{response.status_code}"
    if response.status_code in (400, 422):
        text = response.json()["detail"] if api else response.content.decode()
        if not VIETNAMESE & set(text.lower()):
            return f"{response.status_code} without a Vietnamese reason: {text[:200]}"
    return None


def _query(parameter: str, value: str, base: str) -> str:
    # The search needs words to search for; other parameters keep the case's own query.
    extra = "q=tờ rơi&" if parameter != "q" and "tim-kiem" in base else ""
    return f"?{extra}{urlencode({parameter: value})}"


@pytest.mark.parametrize(("name", "index", "parameters"), list(_page_cases()))
def test_no_page_fails_on_a_hostile_query_value(client, cast, name, index, parameters):
    world = build_world(cast)
    kwargs = PAGES[name][index][1]
    base = reverse(name, kwargs=kwargs(world) if kwargs else None)
    failures = []
    for role in ROLES:
        client.logout()
        if role != "anon":
            login_verified(client, world.people[role])
        for parameter in parameters:
            for value in HOSTILE:
                url = base + _query(parameter, value, base)
                problem = _refusal_problem(client.get(url), api=False)
                if problem:
                    failures.append(f"{role} {url[:120]}: {problem}")
    assert failures == []


@pytest.mark.parametrize("name", list(API_PARAMETERS))
def test_no_data_api_operation_fails_on_a_hostile_query_value(client, cast, name):
    world = build_world(cast)
    failures = []
    for role in ROLES[1:]:
        token = ApiToken.issue(world.people[role], "kiểm thử")[1]
        for parameter in API_PARAMETERS[name]:
            for value in HOSTILE:
                url = reverse(name) + "?" + urlencode({parameter: value})
                response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
                problem = _refusal_problem(response, api=True)
                if problem:
                    failures.append(f"{role} {url[:120]}: {problem}")
    assert failures == []


def test_a_hostile_version_or_id_in_the_reports_api_is_refused_not_a_500(client, cast):
    world = build_world(cast)
    token = ApiToken.issue(cast.other_officer, "kiểm thử")[1]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    failures = []
    for value in HOSTILE:
        for response in (
            client.put(
                reverse("api:write_values_csv", kwargs={"report_id": world.draft_id})
                + "?"
                + urlencode({"version": value}),
                "indicator,value\nleaflets,300\n",
                "text/csv",
                **headers,
            ),
            client.get(f"/api/reports/{value}/values", **headers),
            client.get(f"/api/rounds/{value}", **headers),
        ):
            problem = _refusal_problem(response, api=True)
            if problem:
                failures.append(f"{value[:30]!r} {response.request['PATH_INFO']}: {problem}")
    assert failures == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/tong-hop/?nam=²", "Tham số “nam” phải là một năm từ 1900 đến 2100."),
        ("/tong-hop/?nam=0", "Tham số “nam” phải là một năm từ 1900 đến 2100."),
        ("/tong-hop/bang/?tu-nam=²", "Tham số “tu-nam” phải là một năm từ 1900 đến 2100."),
        (
            "/tong-hop/bang/?chi-tieu=99999999999999999999",
            "Tham số “chi-tieu” phải là mã số (một số nguyên dương).",
        ),
        ("/tong-hop/tim-kiem/?q=a&nam=10000", "Tham số “nam” phải là một năm từ 1900 đến 2100."),
    ],
)
def test_the_probes_odd_values_get_a_vietnamese_400(client, cast, url, message):
    login_verified(client, cast.coordinator)
    response = client.get(url)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_probes_offset_is_refused_with_a_vietnamese_reason(client, cast):
    token = ApiToken.issue(cast.coordinator, "kiểm thử")[1]
    response = client.get(
        "/api/data/values?offset=99999999999999999999", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "Dữ liệu gửi lên không đúng cấu trúc."


def test_years_at_the_bounds_are_read(client, cast):
    login_verified(client, cast.coordinator)
    for year in ("1900", "2100"):
        assert client.get(f"/tong-hop/?nam={year}").status_code == 200
        assert client.get(f"/tong-hop/bang/?tu-nam={year}&den-nam={year}").status_code == 200
