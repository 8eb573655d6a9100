"""Every view and API endpoint with every role and with no login, generated from the URLconf.

The data set holds another agency's secrets: the police's draft report carries a figure and a
narrative nobody else may read, and a document imported into it. Every response is checked for
its expected status and for those secrets; a new URL or API operation nobody classified fails
test_every_url_has_an_access_case.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.db import transaction
from django.urls import URLResolver, get_resolver, reverse

from accounts.models import ApiToken, User
from accounts.testing import (
    aware,
    login_verified,
    make_agency,
    make_levels,
    make_second_coordinator,
    make_year,
)
from agencies.models import AgencyKind
from analytics.actions import save_view
from analytics.exchange import ADX_NAMESPACE
from catalogue.models import Indicator
from imports.models import ImportedDocument
from notifications.models import Notification
from rendering.models import RenderedFile
from rounds import actions
from rounds.models import Activity, DataValue, Report, ReportStatus, Round
from rounds.sheet import build_sheet
from rounds.testing import make_report, make_round, make_value, open_seed_round, submitted
from tonghop.api import api

ROLES = [
    "anon",
    "admin",
    "coordinator",
    "second_coordinator",  # of the steering committee (BCĐ), an agency that runs no round
    "officer",
    "other_officer",
    "viewer",
    "ministry_coordinator",  # of the ministry, whose national round the province answers
    "commune_coordinator",  # of a commune's People's Committee, asked by the province
    "commune_officer",  # of the same committee
]
LOGIN = "login"  # redirected to the login page
# The police's secrets: only the police's officer (and, in draft previews, the coordinating
# agency's staff) may ever read them.
SECRET_FIGURE = 987654
SECRET_MARKERS = [
    "987654",
    "987.654",
    "Ghi chú nháp riêng của Công an tỉnh",
    "Tài liệu riêng CA-XQZ",
]


@dataclass
class World:
    people: dict[str, User]  # role -> the user playing it
    round_id: int
    submitted_id: int  # BDT's report, submitted
    draft_id: int  # the police's report, a draft
    activity_id: int
    token_id: int
    draft_version: int
    document_id: int  # imported into the police's draft
    received_id: int  # the coordinating agency's report in the ministry's round, accepted
    commune_draft_id: int  # the commune committee's draft in the province's round
    commune_report_id: int  # the commune police's accepted report in the commune's round
    commune_value_id: int  # its figure
    saved_view_token: str  # the coordinator's saved pivot


def build_world(cast) -> World:
    round_ = open_seed_round(cast)
    bdt = submitted(round_.reports.get(agency=cast.bdt), cast.officer)
    police = round_.reports.get(agency=cast.police)
    cell = build_sheet(police).find("leaflets")
    draft = actions.Draft(
        values={cell.key: actions.CellInput(Decimal(SECRET_FIGURE))},
        narratives={round_.sections.first().pk: f"{SECRET_MARKERS[2]}: chuyên án Hoa Sen."},
    )
    police = actions.save_draft(police, cast.other_officer, draft, version=0)
    document = ImportedDocument.objects.create(
        report=police,
        uploaded_by=cast.other_officer,
        file_name="bao-cao-cong-an.docx",
        sha256="0" * 64,
        size=1,
        text=f"{SECRET_MARKERS[3]}: phát hành {SECRET_FIGURE} tờ rơi.",
    )
    activity = actions.log_activity(
        cast.officer,
        Activity(kind="contest", date=aware(2023, 5, 1).date(), title="Hội thi", quantity=1),
    )
    token, _ = ApiToken.issue(cast.officer, "bảng tính")
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    people = {role: getattr(cast, role) for role in ROLES if hasattr(cast, role)}
    people["second_coordinator"] = make_second_coordinator(cast)
    levels = make_levels(cast)
    people["ministry_coordinator"] = levels.ministry_coordinator
    people["commune_coordinator"] = levels.commune_coordinator
    people["commune_officer"] = levels.commune_officer
    # The chain: the ministry's round -> the province's (the seed's) -> the commune's.
    received = make_report(make_round(cast, 2023, ["leaflets"]), cast.coordinating_agency)
    Round.objects.filter(pk=received.round_id).update(coordinator=levels.ministry)
    Round.objects.filter(pk=round_.pk).update(parent=received.round_id)
    commune_draft = make_report(round_, levels.commune_agency, ReportStatus.DRAFT)
    commune_round = make_round(cast, 2023, ["trainings"])
    Round.objects.filter(pk=commune_round.pk).update(
        coordinator=levels.commune_agency, parent=round_
    )
    commune_police = make_agency("CAXAL", "Công an xã An Lập", cast.commune, kind=AgencyKind.POLICE)
    commune_report = make_report(commune_round, commune_police)
    commune_value = make_value(
        "trainings", commune_police, 4, period=make_year(2023), report=commune_report
    )
    saved = save_view(cast.coordinator, "Bảng kiểm thử", "tu-nam=2023&den-nam=2023&nhap=1")
    return World(
        people,
        round_.pk,
        bdt.pk,
        police.pk,
        activity.pk,
        token.pk,
        police.version,
        document.pk,
        received.pk,
        commune_draft.pk,
        commune_report.pk,
        commune_value.pk,
        saved.token,
    )


def police_pdf(world: World) -> dict:
    """A PDF of the police's draft asked for by its officer, still waiting for the worker."""
    file = RenderedFile.objects.create(
        requested_by=world.people["other_officer"],
        report_id=world.draft_id,
        document="bao-cao",
        filename="bao-cao-CA-2023.pdf",
    )
    return {"file_id": file.pk}


def coordinators_notification(world: World) -> dict:
    """The coordinator's notice of BDT's submission: only its recipient may mark it read."""
    return {"pk": Notification.objects.get(recipient=world.people["coordinator"]).pk}


def draft_value(world: World) -> int:
    """The police's secret figure, in its draft."""
    return DataValue.objects.get(report_id=world.draft_id, value=SECRET_FIGURE).pk


def everyone(status):
    return dict.fromkeys(ROLES, status)


def only(allowed: dict, others=404, anon=LOGIN):
    return {**dict.fromkeys(ROLES, others), "anon": anon, **allowed}


REVIEWERS = {"admin": 302, "coordinator": 302}
COORDINATORS = {
    "coordinator": 200,
    "second_coordinator": 200,
    "ministry_coordinator": 200,
    "commune_coordinator": 200,
}
# The province's round: the ministry reads it from above (read-only, accepted figures only).
OVERSEERS = {"admin": 200, "coordinator": 200, "viewer": 200, "ministry_coordinator": 200}
# An accepted report deep in the chain: the commune's round, under the province's, under the
# ministry's; every coordinator above it reads it, and leadership.
CHAIN_READERS = {
    "admin": 200,
    "coordinator": 200,
    "ministry_coordinator": 200,
    "commune_coordinator": 200,
    "viewer": 200,
}
SUBMITTED_READERS = {"admin": 200, "coordinator": 200, "officer": 200}
API_REVIEWERS = {"admin": 200, "coordinator": 200}

# name -> [(method, kwargs(world), body(world) or None, expected status by role)]
PAGES = {
    # Leadership's home is the dashboard (tonghop.views.home redirects there).
    "home": [("get", None, None, {**everyone(200), "viewer": 302})],
    "service_worker": [("get", None, None, everyone(200))],
    "manifest": [("get", None, None, everyone(200))],
    "accounts:login": [("get", None, None, everyone(200))],
    "accounts:logout": [
        ("get", None, None, everyone(200)),
        ("post", None, None, everyone(302)),
    ],
    "accounts:token_list": [("get", None, None, {**everyone(200), "anon": LOGIN})],
    "accounts:token_revoke": [("post", lambda w: {"pk": w.token_id}, None, only({"officer": 302}))],
    "accounts:unlock_request": [("post", None, None, everyone(200))],
    "accounts:unlock": [("get", lambda w: {"token": "1:forged"}, None, everyone(200))],
    "rounds:round_list": [("get", None, None, {**everyone(200), "anon": LOGIN})],
    # Any coordinator with an agency may open a round of its own.
    "rounds:round_open": [("get", None, None, only({"admin": 200, **COORDINATORS}))],
    # The commune's coordinator answers the province's round: it reads the request, not the round.
    "rounds:round_detail": [("get", lambda w: {"pk": w.round_id}, None, only(OVERSEERS))],
    "rounds:round_remind": [("post", lambda w: {"pk": w.round_id}, None, only(REVIEWERS))],
    "rounds:round_targets": [
        ("get", lambda w: {"pk": w.round_id}, None, only({"admin": 200, "coordinator": 200})),
        ("post", lambda w: {"pk": w.round_id}, None, only({"admin": 400, "coordinator": 400})),
    ],
    "rounds:round_plan": [
        ("post", lambda w: {"pk": w.round_id}, None, only({"admin": 400, "coordinator": 400}))
    ],
    # The world's round has no plan: no target of it to delete, for anyone.
    "rounds:target_delete": [
        ("post", lambda w: {"pk": w.round_id, "target_pk": 1}, None, only({}))
    ],
    # The world's round answers no request: nobody sends it upward (the sender's own case is
    # rounds/tests/test_upward.py).
    # The province's round answers the ministry's: its coordinator sends (here without the
    # answer's version: back to the round with a message), nobody else.
    "rounds:round_answer": [
        ("post", lambda w: {"pk": w.round_id}, None, only({"coordinator": 302}))
    ],
    # A request received: only the asked agency's coordinator reads it and answers it.
    "rounds:received_list": [("get", None, None, only(COORDINATORS))],
    "rounds:received_request": [
        ("get", lambda w: {"pk": w.received_id}, None, only({"coordinator": 200})),
        ("get", lambda w: {"pk": w.commune_draft_id}, None, only({"commune_coordinator": 200})),
    ],
    "rounds:child_round_open": [
        ("get", lambda w: {"pk": w.received_id}, None, only({"coordinator": 200}))
    ],
    "rounds:report_detail": [
        (
            "get",
            lambda w: {"pk": w.submitted_id},
            None,
            only({"admin": 200, "coordinator": 200, "officer": 200}),
        ),
        ("get", lambda w: {"pk": w.draft_id}, None, only({"other_officer": 200})),
        # The province's answer to the ministry: the ministry, and the province's own agency.
        (
            "get",
            lambda w: {"pk": w.received_id},
            None,
            only({"admin": 200, "coordinator": 200, "ministry_coordinator": 200, "viewer": 200}),
        ),
        ("get", lambda w: {"pk": w.commune_report_id}, None, only(CHAIN_READERS)),
        # A commune's draft: its own staff only, not the province that asked for it.
        (
            "get",
            lambda w: {"pk": w.commune_draft_id},
            None,
            only({"commune_coordinator": 200, "commune_officer": 200}),
        ),
    ],
    # A lineage reads accepted values only (value_scope): the police's draft figure is no one's.
    "rounds:value_lineage": [
        ("get", lambda w: {"pk": draft_value(w)}, None, only({})),
        ("get", lambda w: {"pk": w.commune_value_id}, None, only(CHAIN_READERS)),
    ],
    "rounds:report_edit": [
        ("get", lambda w: {"pk": w.draft_id}, None, only({"other_officer": 200})),
        ("get", lambda w: {"pk": w.submitted_id}, None, only({"officer": 302})),
        ("get", lambda w: {"pk": w.commune_draft_id}, None, only({"commune_officer": 200})),
    ],
    "rounds:report_check": [
        ("post", lambda w: {"pk": w.draft_id}, None, only({"other_officer": 200}))
    ],
    "rounds:report_return": [
        (
            "post",
            lambda w: {"pk": w.submitted_id},
            lambda w: {"comment": "Bổ sung."},
            only(REVIEWERS),
        ),
        ("post", lambda w: {"pk": w.draft_id}, None, only({})),
    ],
    "rounds:report_accept": [
        ("post", lambda w: {"pk": w.submitted_id}, None, only(REVIEWERS)),
        ("post", lambda w: {"pk": w.draft_id}, None, only({})),
    ],
    "rounds:report_reopen": [
        (
            "post",
            lambda w: {"pk": w.submitted_id},
            lambda w: {"comment": "Lý do."},
            only(REVIEWERS),
        ),
        # The ministry reopens the province's accepted answer; the province reads it, no more.
        (
            "post",
            lambda w: {"pk": w.received_id},
            lambda w: {"comment": "Lý do."},
            only({"admin": 302, "ministry_coordinator": 302}),
        ),
        # Nobody above the commune's round reviews it but its own coordinator.
        (
            "post",
            lambda w: {"pk": w.commune_report_id},
            lambda w: {"comment": "Lý do."},
            only({"admin": 302, "commune_coordinator": 302}),
        ),
    ],
    "rounds:activity_list": [
        (
            "get",
            None,
            None,
            only({"officer": 200, "other_officer": 200, "commune_officer": 200}),
        )
    ],
    "rounds:activity_delete": [
        ("post", lambda w: {"pk": w.activity_id}, None, only({"officer": 302}))
    ],
    # Every logged-in session here has passed the TOTP step already: both pages send it on.
    "accounts:otp_verify": [("get", None, None, {**everyone(302), "anon": LOGIN})],
    "accounts:otp_setup": [("get", None, None, {**everyone(302), "anon": LOGIN})],
    "analytics:dashboard": [("get", None, None, {**everyone(200), "anon": LOGIN})],
    "analytics:pivot": [
        ("get", None, None, {**everyone(200), "anon": LOGIN}, "?tu-nam=2023&den-nam=2023&nhap=1")
    ],
    "analytics:saved_views": [
        ("get", None, None, {**everyone(200), "anon": LOGIN}),
        ("post", None, lambda w: {"name": " ", "query": ""}, {**everyone(400), "anon": LOGIN}),
    ],
    # The link opens the pivot for every reader, each with their own value_scope.
    "analytics:saved_view": [
        ("get", lambda w: {"token": w.saved_view_token}, None, {**everyone(302), "anon": LOGIN}),
    ],
    "analytics:saved_view_delete": [
        ("post", lambda w: {"token": w.saved_view_token}, None, only({"coordinator": 302})),
    ],
    "analytics:compilation": [
        ("get", lambda w: {"pk": w.round_id}, None, only(OVERSEERS), "?nhap=1"),
    ],
    # A province's round has no national page (analytics/national.py): 404 for every reader.
    "analytics:national": [
        ("get", lambda w: {"pk": w.round_id}, None, only({})),  # a province's round: no page
        (
            "get",
            lambda w: {"pk": Report.objects.get(pk=w.received_id).round_id},
            None,
            only({"admin": 200, "viewer": 200, "ministry_coordinator": 200}),
        ),
    ],
    "imports:xlsx_template": [
        ("get", lambda w: {"pk": w.draft_id}, None, only({"other_officer": 200})),
    ],
    "imports:xlsx_entry": [
        ("get", lambda w: {"pk": w.draft_id}, None, only({"other_officer": 200})),
    ],
    "analytics:search": [
        ("get", None, None, {**everyone(200), "anon": LOGIN}, "?q=Hoa Sen"),
        ("get", None, None, {**everyone(200), "anon": LOGIN}, "?q=tờ rơi"),
    ],
    "rendering:report_document": [
        ("get", lambda w: {"pk": w.submitted_id, "fmt": "docx"}, None, only(SUBMITTED_READERS)),
        # The PDF is made in the background: its reader is sent to the page of the file.
        ("get", lambda w: {"pk": w.draft_id, "fmt": "pdf"}, None, only({"other_officer": 302})),
    ],
    "rendering:round_document": [
        (
            "get",
            lambda w: {"pk": w.round_id, "document": "bao-cao-tong-hop", "fmt": "xlsx"},
            None,
            only(OVERSEERS),
        ),
        (
            "get",
            lambda w: {"pk": w.round_id, "document": "bao-cao-tong-hop", "fmt": "xlsx"},
            None,
            only({"admin": 200, "coordinator": 200}),
            "?nhap=1",
        ),
    ],
    # A large export asked for (analytics' pages send there): its reader goes to the file's page.
    "rendering:compilation_export": [
        ("get", lambda w: {"pk": w.round_id}, None, only(dict.fromkeys(OVERSEERS, 302)), "?nhap=1")
    ],
    "rendering:pivot_export": [
        ("get", None, None, {**everyone(302), "anon": LOGIN}, "?tu-nam=2023&den-nam=2023&nhap=1")
    ],
    "rendering:rendered_file": [("get", police_pdf, None, only({"other_officer": 200}))],
    # Not made yet: the download sends its reader back to the page of the file.
    "rendering:rendered_file_download": [("get", police_pdf, None, only({"other_officer": 302}))],
    "rendering:drafted_texts": [
        ("get", lambda w: {"pk": w.round_id}, None, only({"admin": 200, "coordinator": 200}))
    ],
    # A round document's number, date and signer: its coordinating agency only; an empty POST is
    # refused by the form (no symbol), nothing stored.
    "rendering:issuance": [
        (
            method,
            lambda w: {"pk": w.round_id, "document": "bao-cao-tong-hop"},
            None,
            only({"admin": 200, "coordinator": 200}),
        )
        for method in ("get", "post")
    ],
    "rendering:verify_signature": [("get", None, None, {**everyone(200), "anon": LOGIN})],
    "imports:upload": [
        ("get", lambda w: {"report_pk": w.draft_id}, None, only({"other_officer": 200})),
    ],
    "imports:review": [
        ("get", lambda w: {"pk": w.document_id}, None, only({"other_officer": 200})),
    ],
    "imports:choose": [
        ("post", lambda w: {"pk": w.document_id}, None, only({"other_officer": 400})),
    ],
    "imports:confirm": [
        ("post", lambda w: {"pk": w.document_id}, None, only({"other_officer": 400})),
    ],
    "imports:discard": [
        ("post", lambda w: {"pk": w.document_id}, None, only({"other_officer": 302})),
    ],
    "imports:retry": [
        ("post", lambda w: {"pk": w.document_id}, None, only({"other_officer": 302})),
    ],
    "notifications:list": [("get", None, None, {**everyone(200), "anon": LOGIN})],
    "notifications:mark_read": [
        ("post", coordinators_notification, None, only({"coordinator": 302}))
    ],
    "notifications:mark_all_read": [("post", None, None, {**everyone(302), "anon": LOGIN})],
    # Every admin page sits behind the same admin_view check as the index.
    "admin:index": [("get", None, None, {**everyone(302), "admin": 200})],
}


def values_body(world: World) -> dict:
    return {"version": world.draft_version, "values": [{"indicator": "leaflets", "value": 200}]}


API = {
    "api:api-root": [("get", None, None, everyone(404))],
    "api:openapi-json": [("get", None, None, everyone(200))],
    "api:openapi-view": [("get", None, None, everyone(200))],
    "api:me": [("get", None, None, {**everyone(200), "anon": 401})],
    "api:list_rounds": [("get", None, None, {**everyone(200), "anon": 401})],
    "api:rounds_tree": [("get", None, None, {**everyone(200), "anon": 401}, "?year=2023")],
    "api:round_detail": [
        ("get", lambda w: {"round_id": w.round_id}, None, only(OVERSEERS, anon=401))
    ],
    "api:report_detail": [
        (
            "get",
            lambda w: {"report_id": w.submitted_id},
            None,
            only({"admin": 200, "coordinator": 200, "officer": 200}, anon=401),
        ),
        ("get", lambda w: {"report_id": w.draft_id}, None, only({"other_officer": 200}, anon=401)),
        (
            "get",
            lambda w: {"report_id": w.commune_report_id},
            None,
            only(CHAIN_READERS, anon=401),
        ),
    ],
    "api:read_values": [
        (
            "get",
            lambda w: {"report_id": w.submitted_id},
            None,
            only({"admin": 200, "coordinator": 200, "officer": 200}, anon=401),
        ),
        ("get", lambda w: {"report_id": w.draft_id}, None, only({"other_officer": 200}, anon=401)),
    ],
    "api:value_lineage": [
        ("get", lambda w: {"value_id": draft_value(w)}, None, only({}, anon=401)),
        ("get", lambda w: {"value_id": w.commune_value_id}, None, only(CHAIN_READERS, anon=401)),
    ],
    "api:read_values_csv": [
        ("get", lambda w: {"report_id": w.draft_id}, None, only({"other_officer": 200}, anon=401)),
    ],
    "api:write_values": [
        (
            "put",
            lambda w: {"report_id": w.draft_id},
            values_body,
            only({"other_officer": 200}, anon=401),
        ),
        (
            "put",
            lambda w: {"report_id": w.submitted_id},
            values_body,
            only({"officer": 409}, anon=401),
        ),
    ],
    "api:write_values_csv": [
        ("put", lambda w: {"report_id": w.draft_id}, "csv", only({"other_officer": 200}, anon=401)),
    ],
    "api:submit": [
        (
            "post",
            lambda w: {"report_id": w.draft_id},
            lambda w: {"version": w.draft_version},
            only({"other_officer": 200}, anon=401),
        ),
    ],
    "api:return_": [
        (
            "post",
            lambda w: {"report_id": w.submitted_id},
            lambda w: {"comment": "Bổ sung."},
            only(API_REVIEWERS, anon=401),
        ),
        (
            "post",
            lambda w: {"report_id": w.draft_id},
            lambda w: {"comment": "x"},
            only({}, anon=401),
        ),
    ],
    "api:accept": [
        (
            "post",
            lambda w: {"report_id": w.submitted_id},
            lambda w: {},
            only(API_REVIEWERS, anon=401),
        ),
    ],
    **{
        name: [
            ("get", None, None, {**everyone(200), "anon": 401}, "?year=2023&breakdown=true"),
            ("get", None, None, {**everyone(200), "anon": 401}, "?year=2023&drafts=true"),
        ]
        for name in ["api:list_values", "api:values_csv", "api:values_adx"]
    },
    "api:reopen": [
        (
            "post",
            lambda w: {"report_id": w.submitted_id},
            lambda w: {"comment": "Lý do."},
            only({"admin": 400, "coordinator": 400}, anon=401),
        ),
    ],
}


ADMIN = "admin"


def url_names(patterns=None, prefix="") -> set[str]:
    names = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == ADMIN:
                names.add(f"{ADMIN}:index")  # the admin's own pages share one check
                continue
            inner = prefix + (f"{entry.namespace}:" if entry.namespace else "")
            names |= url_names(entry.url_patterns, inner)
        elif entry.name:
            names.add(prefix + entry.name)
    return names


def test_every_url_has_an_access_case():
    assert url_names() == set(PAGES) | set(API)


def test_every_api_operation_has_an_access_case():
    """Operations from the OpenAPI schema: each one's URL name is tried with its method."""
    operations = {
        (method, "api:" + operation["operationId"].split("_api_", 1)[1])
        for path in api.get_openapi_schema()["paths"].values()
        for method, operation in path.items()
    }
    tried = {(row[0], name) for name, rows in API.items() for row in rows}
    assert operations <= tried


def _cases(table):
    return [
        pytest.param(name, index, id=f"{name}[{index}]")
        for name, rows in table.items()
        for index in range(len(rows))
    ]


def _each_role(cast, check) -> list[str]:
    """Run check(role) for every role, each in a rolled-back savepoint of the same world."""
    failures = []
    for role in ROLES:
        with transaction.atomic():
            problem = check(role)
            if problem:
                failures.append(f"{role}: {problem}")
            transaction.set_rollback(True)
    return failures


def leaked(role: str, query: str, response) -> str | None:
    """The first of the police's secrets in a response the role may not read them in."""
    previews = "nhap=1" in query or "drafts=true" in query
    readers = {"other_officer"} | ({"admin", "coordinator"} if previews else set())
    if role in readers:
        return None
    body = response.content.decode("utf-8", errors="replace")
    return next((secret for secret in SECRET_MARKERS if secret in body), None)


@pytest.mark.parametrize(("name", "index"), _cases(PAGES))
def test_page_access(client, cast, name, index):
    world = build_world(cast)
    method, kwargs, body, expected, *rest = PAGES[name][index]
    query = rest[0] if rest else ""
    url = reverse(name, kwargs=kwargs(world) if kwargs else None) + query

    def check(role):
        client.logout()
        if role != "anon":
            login_verified(client, world.people[role])
        response = getattr(client, method)(url, body(world) if body else {})
        want = expected[role]
        secret = leaked(role, query, response)
        if secret:
            return f"the police's «{secret}» is in the response"
        if want == LOGIN:
            location = response.get("Location", "")
            if response.status_code != 302 or not location.startswith(reverse("accounts:login")):
                return f"expected a login redirect, got {response.status_code} {location}"
        elif response.status_code != want:
            return f"expected {want}, got {response.status_code}"
        return None

    assert _each_role(cast, check) == []


@pytest.mark.parametrize(("name", "index"), _cases(API))
def test_api_access(client, cast, name, index):
    world = build_world(cast)
    method, kwargs, body, expected, *rest = API[name][index]
    query = rest[0] if rest else ""
    url = reverse(name, kwargs=kwargs(world) if kwargs else None) + query
    tokens = {role: ApiToken.issue(world.people[role], "kiểm thử")[1] for role in ROLES[1:]}

    def check(role):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens[role]}"} if role != "anon" else {}
        if body == "csv":
            response = client.put(
                f"{url}?version={world.draft_version}",
                "indicator,value\nleaflets,300\n",
                "text/csv",
                **headers,
            )
        elif body:
            response = getattr(client, method)(url, body(world), "application/json", **headers)
        else:
            response = getattr(client, method)(url, **headers)
        secret = leaked(role, query, response)
        if secret:
            return f"the police's «{secret}» is in the response"
        if response.status_code != expected[role]:
            return f"expected {expected[role]}, got {response.status_code} {response.content[:200]}"
        return None

    assert _each_role(cast, check) == []


def test_the_secrets_show_where_the_police_may_read_them(client, cast):
    """The leak check looks for text the pages really print."""
    world = build_world(cast)
    login_verified(client, cast.other_officer)
    report = client.get(reverse("rounds:report_detail", kwargs={"pk": world.draft_id}))
    assert SECRET_MARKERS[2] in report.content.decode()
    review = client.get(reverse("imports:review", kwargs={"pk": world.document_id}))
    assert SECRET_MARKERS[3] in review.content.decode()
    found = client.get(reverse("analytics:search") + "?q=Hoa Sen").content.decode()
    assert SECRET_MARKERS[2] in found


# Row level: whose values, in which report state, each role reads. Written out by hand from the
# rule of the report pages (docs/architecture.md, Access), not computed by the code under test.
# The world: BDT's report (submitted, or accepted), the police's draft, and a police figure
# entered outside any report ("" as its report state), in the province's round; the commune
# police's accepted report in the commune's round below it.
BDT, POLICE, COMMUNE_POLICE = "BDT", "CAT", "CAXAL"
LOOSE = (POLICE, "")
COMMUNE = (COMMUNE_POLICE, "accepted")


def readable_rows(role: str, drafts: bool, bdt_status: str) -> set[tuple[str, str]]:
    bdt = {(BDT, bdt_status)}
    bdt_accepted = bdt if bdt_status == "accepted" else set()
    police_draft = {(POLICE, "draft")}
    return {
        # The police's draft was never sent: its page answers 404 to them, so do its figures.
        "admin": {LOOSE, COMMUNE} | (bdt if drafts else bdt_accepted),
        # The province's round, and the accepted reports of the commune's round below it.
        "coordinator": {LOOSE, COMMUNE} | (bdt if drafts else bdt_accepted),
        "second_coordinator": {LOOSE},  # runs no round: no report of anyone's, drafts or not
        "officer": bdt if drafts else bdt_accepted,
        "other_officer": {LOOSE} | (police_draft if drafts else set()),
        "viewer": {LOOSE, COMMUNE} | bdt_accepted,  # leadership never reads drafts, even asking
        # Down its subtree, accepted reports only: a province's submitted report never.
        "ministry_coordinator": {LOOSE, COMMUNE} | bdt_accepted,
        # Its own round only, not the province's that asked it.
        "commune_coordinator": {LOOSE, COMMUNE},
        "commune_officer": set(),  # its committee has given no figure
    }[role]


def build_rows_world(cast, bdt_status: str) -> World:
    world = build_world(cast)
    if bdt_status == "accepted":
        bdt = actions.accept_report(Report.objects.get(pk=world.submitted_id), cast.coordinator)
        assert bdt.status == "accepted"
    DataValue.objects.create(
        indicator=Indicator.objects.get(code="trainings"),
        agency=cast.police,
        place=cast.police.unit,
        period=make_year(2023),
        value=Decimal(7),
    )
    return world


def rows_of(kind: str, response) -> set[tuple[str, str]]:
    """(agency, report state) of every row of a data API answer."""
    if kind == "json":
        return {(row["agency"], row["report_status"]) for row in response.json()["items"]}
    if kind == "csv":
        reader = csv.DictReader(io.StringIO(response.content.decode("utf-8")))
        return {(row["agency"], row["report_status"]) for row in reader}
    # ADX carries no report state: agencies only, compared as (agency, "*").
    root = ElementTree.fromstring(response.content)
    return {(value.get("agency"), "*") for value in root.iter(f"{{{ADX_NAMESPACE}}}dataValue")}


@pytest.mark.parametrize("bdt_status", ["submitted", "accepted"])
@pytest.mark.parametrize("drafts", [False, True])
def test_data_api_returns_exactly_the_rows_each_role_may_read(client, cast, drafts, bdt_status):
    world = build_rows_world(cast, bdt_status)
    endpoints = {"json": "api:list_values", "csv": "api:values_csv", "adx": "api:values_adx"}
    query = "?year=2023&limit=5000" + ("&drafts=true" if drafts else "")
    failures = []
    for role in ROLES[1:]:
        token = ApiToken.issue(world.people[role], "kiểm thử")[1]
        want = readable_rows(role, drafts, bdt_status)
        for kind, name in endpoints.items():
            response = client.get(reverse(name) + query, HTTP_AUTHORIZATION=f"Bearer {token}")
            assert response.status_code == 200, (role, kind, response.content[:200])
            expected = want if kind != "adx" else {(agency, "*") for agency, _ in want}
            if rows_of(kind, response) != expected:
                failures.append(f"{role} {kind}: {rows_of(kind, response)} != {expected}")
    assert failures == []


@pytest.mark.parametrize("bdt_status", ["submitted", "accepted"])
@pytest.mark.parametrize("drafts", [False, True])
def test_pivot_counts_exactly_the_agencies_each_role_may_read(client, cast, drafts, bdt_status):
    world = build_rows_world(cast, bdt_status)
    ids = "&".join(
        f"chi-tieu={pk}"
        for pk in Indicator.objects.filter(code__in=["leaflets", "trainings"]).values_list(
            "pk", flat=True
        )
    )
    url = (
        reverse("analytics:pivot")
        + f"?{ids}&hang=agency&cot=indicator&tu-nam=2023&den-nam=2023&dinh-dang=csv"
        + ("&nhap=1" if drafts else "")
    )
    names = {
        BDT: cast.bdt.short_name,
        POLICE: cast.police.short_name,
        COMMUNE_POLICE: "Công an xã An Lập",
    }
    failures = []
    for role in ROLES[1:]:
        client.logout()
        login_verified(client, world.people[role])
        lines = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
        shown = {line[0] for line in lines[1:] if line}
        expected = {names[agency] for agency, _ in readable_rows(role, drafts, bdt_status)}
        if shown != expected:
            failures.append(f"{role}: {shown} != {expected}")
    assert failures == []
