"""Authorization matrix of ``workflows/servicecase.yaml`` (办件办理流程).

EXPECTED tables are the reviewed state of the file; ACTUAL tables come from
real cases in a lead site's private box, asked through the real policies.
Besides the roles of every matrix, two players of this file's own roles:
``supervisor`` (电子监察, a user granted the global role at the portal root)
and ``co_handler`` (卫生健康局's editor, a co-handling department whose groups
the case grants the role, as ``grant_co_handlers`` does).

No state inherits.  The applicant's personal data (``view_applicant``) stay
with the lead's editors and reviewers, the site administrators and the
co-handling department; supervisors and auditors follow cases and clocks
without them.  While materials are awaited (待补齐材料, 补正中) everybody
holds ``supplement_case``: the applicant is anonymous and proves the case
with its query code on the public page.

Guards are satisfied where the data allows (the supplement's deadline has
passed on the tests' day; the co-handling department agreed in round 1), so
the transition tables show permissions and states; ``case_task_refused``
keeps ``return_to_lead`` out of the table (no task refused).
"""

from datetime import date

import pytest

from govportal.services.cases import (
    ServiceCase,
    add_task,
    find_case_box,
    grant_co_handlers,
)
from govportal.services.guards import AGREE
from tests.workflow import conftest as workflow_fixtures
from tests.workflow.matrix import (
    ROLES,
    assert_tables_equal,
    check_role_players,
    permission_table,
    role_players,
    transition_table,
)
from tests.workflow.matrix_checks import add_supervisor, check_outsiders, where_id

STATES = (
    "submitted",
    "supplement",
    "not_accepted",
    "accepted",
    "co_handling",
    "correction",
    "suspended",
    "concluded",
    "denied",
)
WAITING = ("supplement", "correction")  # the applicant may supply materials
SUPERVISOR = "supervisor_matrix"
CO_DEPARTMENT = "wjj"
CO_HANDLER = "wjj_editor"

SEE = ["view_applicant", "view_case", "view_history"]
HANDLE = sorted(["handle_case", *SEE])
FOLLOW = ["view_case", "view_history"]


def _plus(perms, *more):
    return sorted({*perms, *more})


def _everywhere(perms, waiting_extra=("supplement_case",)):
    return {s: _plus(perms, *waiting_extra) if s in WAITING else sorted(perms) for s in STATES}


#: Only what the anonymous applicant may do: supply materials.
APPLICANT_ONLY = _everywhere([])
LEAD = {
    "submitted": HANDLE,
    "supplement": _plus(HANDLE, "supplement_case"),
    "not_accepted": SEE,
    "accepted": HANDLE,
    "co_handling": SEE,
    "correction": _plus(HANDLE, "supplement_case"),
    "suspended": HANDLE,
    "concluded": _plus(SEE, "rectify"),
    "denied": _plus(SEE, "rectify"),
}

EXPECTED_PERMISSIONS = {
    "anonymous": APPLICANT_ONLY,
    "authenticated": APPLICANT_ONLY,
    "editor": LEAD,
    "reviewer": LEAD,
    "auditor": _everywhere(FOLLOW),
    "site_admin": _everywhere(SEE),
    "system_admin": APPLICANT_ONLY,
    "security_admin": APPLICANT_ONLY,
    "audit_admin": APPLICANT_ONLY,
    "supervisor": _everywhere(FOLLOW),
    # nothing before the case is sent to co-handling, except what everyone may
    "co_handler": {
        "submitted": [],
        "supplement": ["supplement_case"],
        "not_accepted": [],
        "accepted": SEE,
        "co_handling": _plus(SEE, "co_handle"),
        "correction": _plus(SEE, "supplement_case"),
        "suspended": SEE,
        "concluded": SEE,
        "denied": SEE,
    },
}

SUPPLY = {s: [] for s in STATES} | {
    "supplement": ["supplement_done"],
    "correction": ["correction_done"],
}
LEAD_STEPS = SUPPLY | {
    "submitted": ["accept", "refuse_intake", "request_supplement"],
    "supplement": ["close_unsupplemented", "supplement_done"],
    "accepted": ["conclude", "deny", "request_correction", "send_co_handling", "suspend"],
    "suspended": ["resume"],
}
EXPECTED_TRANSITIONS = {
    "anonymous": SUPPLY,
    "authenticated": SUPPLY,
    "editor": LEAD_STEPS,
    "reviewer": LEAD_STEPS,
    "auditor": SUPPLY,
    "site_admin": SUPPLY,
    "system_admin": SUPPLY,
    "security_admin": SUPPLY,
    "audit_admin": SUPPLY,
    "supervisor": SUPPLY,
    "co_handler": SUPPLY | {"co_handling": ["collect"]},
}

LOCATIONS = ("jyj", "")
TODAY = date(2026, 10, 15)

module_app = workflow_fixtures.module_app
site = workflow_fixtures.site


def players(where):
    return role_players(where) | {"supervisor": SUPERVISOR, "co_handler": CO_HANDLER}


def new_case(site, where, state):
    lead = site.place(where)
    box = find_case_box(lead, create=True)
    case = ServiceCase("/jyj/guide", "测试事项", where, co_departments=(CO_DEPARTMENT,))
    site._counter += 1
    box.add(case, f"matrix-{site._counter}")
    case.promised_days = 5
    case.accepted_on = date(2026, 9, 28)
    if state == "supplement":  # asked once, the applicant's deadline passed
        case.supplement = {"items": ("材料",), "respond_by": date(2026, 10, 9)}
    site.workflow(case).initialize(case, site.base_request)
    case.rounds = 1
    task = add_task(case, CO_DEPARTMENT, 1)
    task.outcome = AGREE
    site.workflow(task).initialize(task, site.base_request)
    grant_co_handlers(case, site.place(CO_DEPARTMENT), site.registry)
    return site.put_in_state(case, state)


@pytest.fixture(scope="module")
def cases(site):
    supervisor = add_supervisor(site, SUPERVISOR)
    assert supervisor is not None
    return {where: {state: new_case(site, where, state) for state in STATES} for where in LOCATIONS}


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("govportal.services.clock.today", lambda: TODAY)


@pytest.mark.parametrize("where", LOCATIONS, ids=where_id)
def test_role_players_hold_their_role(site, cases, where):
    check_role_players(site, cases[where], where)
    for role, login in (("supervisor", SUPERVISOR), ("co_handler", CO_HANDLER)):
        for state, item in cases[where].items():
            got = site.roles_on(site.request(login), item)
            assert got == {role}, f"{login} @ {state}: {sorted(got)}"


@pytest.mark.parametrize("where", LOCATIONS, ids=where_id)
def test_permissions(site, cases, where):
    actual = permission_table(site, cases[where], players(where))
    assert_tables_equal(EXPECTED_PERMISSIONS, actual, f"servicecase.yaml permissions at {where!r}")


@pytest.mark.parametrize("where", LOCATIONS, ids=where_id)
def test_transitions(site, cases, where):
    actual = transition_table(site, cases[where], players(where))
    assert_tables_equal(EXPECTED_TRANSITIONS, actual, f"servicecase.yaml transitions at {where!r}")


OUTSIDERS = {
    "jyj": ["czj_editor", "czj_reviewer", "portal_editor", "portal_reviewer"],
    "": ["jyj_editor", "jyj_reviewer", "czj_editor", "czj_reviewer"],
}


@pytest.mark.parametrize("where", list(OUTSIDERS), ids=where_id)
def test_departments_not_named_have_nothing(site, cases, where):
    check_outsiders(site, cases[where], OUTSIDERS[where], APPLICANT_ONLY, SUPPLY)


def test_every_role_is_in_the_tables():
    assert set(EXPECTED_PERMISSIONS) == set(ROLES) | {"supervisor", "co_handler"}
