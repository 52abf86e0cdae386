"""Authorization matrix of ``workflows/casetask.yaml`` (并联审批会签).

A task is 卫生健康局's (wjj) in a case led by 教育局 or by the portal, whose
co-handling departments are 卫生健康局 and 人社局 (rsj): both departments'
groups hold ``co_handler`` on the case.  Players: the roles of every matrix,
``supervisor`` (电子监察), ``co_handler`` (卫生健康局's editor: its own task)
and ``other_co_handler`` (人社局's editor: co_handler too, but not of this
task's department).  The other department holds ``co_handle`` on the task
(the permission comes with the role) and still cannot sign or refuse it:
the guard ``task_department_member`` refuses.
"""

from datetime import date

import pytest

from govportal.security.localroles import grant_roles
from govportal.services.cases import ServiceCase, add_task, find_case_box, grant_co_handlers
from tests.workflow import conftest as workflow_fixtures
from tests.workflow.matrix import (
    ROLES,
    assert_tables_equal,
    check_role_players,
    permission_table,
    role_players,
    transition_table,
)

STATES = ("open", "signed", "refused", "cancelled")
SUPERVISOR = "supervisor_tasks"
CO_HANDLER, OTHER_CO_HANDLER = "wjj_editor", "rsj_editor"
FOLLOW = ["view_case", "view_history"]
NOTHING = {s: [] for s in STATES}
ONLY_FOLLOW = {s: FOLLOW for s in STATES}

EXPECTED_PERMISSIONS = {
    "anonymous": NOTHING,
    "authenticated": NOTHING,
    "editor": ONLY_FOLLOW | {"open": ["handle_case", *FOLLOW]},
    "reviewer": ONLY_FOLLOW | {"open": ["handle_case", *FOLLOW]},
    "auditor": ONLY_FOLLOW,
    "site_admin": ONLY_FOLLOW,
    "system_admin": NOTHING,
    "security_admin": NOTHING,
    "audit_admin": NOTHING,
    "supervisor": ONLY_FOLLOW,
    "co_handler": ONLY_FOLLOW | {"open": ["co_handle", *FOLLOW]},
    "other_co_handler": ONLY_FOLLOW | {"open": ["co_handle", *FOLLOW]},
}
EXPECTED_TRANSITIONS = {label: NOTHING for label in EXPECTED_PERMISSIONS} | {
    "editor": NOTHING | {"open": ["cancel"]},
    "reviewer": NOTHING | {"open": ["cancel"]},
    "co_handler": NOTHING | {"open": ["refuse", "sign"]},
}

LOCATIONS = ("jyj", "")

module_app = workflow_fixtures.module_app
site = workflow_fixtures.site


def players(where):
    return role_players(where) | {
        "supervisor": SUPERVISOR,
        "co_handler": CO_HANDLER,
        "other_co_handler": OTHER_CO_HANDLER,
    }


def new_task(site, where):
    box = find_case_box(site.place(where), create=True)
    case = ServiceCase("/jyj/guide", "测试事项", where, co_departments=("wjj", "rsj"))
    site._counter += 1
    box.add(case, f"tasks-{site._counter}")
    case.accepted_on = date(2026, 9, 28)
    site.workflow(case).initialize(case, site.base_request)
    case.rounds = 1
    for name in case.co_departments:
        grant_co_handlers(case, site.place(name), site.registry)
    task = add_task(case, "wjj", 1)
    site.workflow(task).initialize(task, site.base_request)
    return task


@pytest.fixture(scope="module")
def tasks(site):
    site.add_user(SUPERVISOR)
    grant_roles(site.root, site.oid(SUPERVISOR), "supervisor")
    return {
        where: site.items_in_states(lambda w=where: new_task(site, w), STATES)
        for where in LOCATIONS
    }


@pytest.mark.parametrize("where", LOCATIONS, ids=lambda w: w or "portal")
def test_role_players_hold_their_role(site, tasks, where):
    check_role_players(site, tasks[where], where)
    extra = {SUPERVISOR: "supervisor", CO_HANDLER: "co_handler", OTHER_CO_HANDLER: "co_handler"}
    for login, role in extra.items():
        for state, item in tasks[where].items():
            got = site.roles_on(site.request(login), item)
            assert got == {role}, f"{login} @ {state}: {sorted(got)}"


@pytest.mark.parametrize("where", LOCATIONS, ids=lambda w: w or "portal")
def test_permissions(site, tasks, where):
    actual = permission_table(site, tasks[where], players(where))
    assert_tables_equal(EXPECTED_PERMISSIONS, actual, f"casetask.yaml permissions at {where!r}")


@pytest.mark.parametrize("where", LOCATIONS, ids=lambda w: w or "portal")
def test_transitions(site, tasks, where):
    actual = transition_table(site, tasks[where], players(where))
    assert_tables_equal(EXPECTED_TRANSITIONS, actual, f"casetask.yaml transitions at {where!r}")


def test_departments_not_named_have_nothing(site, tasks):
    outsiders = {login: login for login in ("czj_editor", "czj_reviewer")}
    for where in LOCATIONS:
        expected = {login: NOTHING for login in outsiders}
        assert_tables_equal(expected, permission_table(site, tasks[where], outsiders), "outsiders")
        assert_tables_equal(expected, transition_table(site, tasks[where], outsiders), "outsiders")


def test_every_role_is_in_the_tables():
    assert set(EXPECTED_PERMISSIONS) == set(ROLES) | {
        "supervisor",
        "co_handler",
        "other_co_handler",
    }
