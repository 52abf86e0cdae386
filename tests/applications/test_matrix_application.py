"""Authorization matrix of ``workflows/application.yaml`` (依申请公开办理).

EXPECTED tables are the reviewed state of the file; ACTUAL tables come from
real applications in each site's private box, asked through the real
policies.  No state inherits: nobody holds ``view`` on an application, the
applicant's personal data (``view_applicant``) stay with the receiving
site's editors and reviewers and the site administrators; auditors follow
the clock without them.  Transitions are read from ``workflow.problems()``
(the HTTP tests run them).
"""

from datetime import date

import pytest

from govportal.applications.model import Application, find_box
from tests.workflow import conftest as workflow_fixtures
from tests.workflow.matrix import (
    COMMENT,
    assert_tables_equal,
    check_role_players,
    permission_table,
    role_players,
)

STATES = ("received", "processing", "supplement", "consulting", "extension_requested", "answered")
SEE = ["view_applicant", "view_application", "view_history"]
HANDLE = sorted(["handle_application", *SEE])
AUDIT = ["view_application", "view_history"]
NOTHING = {state: [] for state in STATES}

EXPECTED_PERMISSIONS = {
    "anonymous": NOTHING,
    "authenticated": NOTHING,
    "editor": {s: SEE if s in ("extension_requested", "answered") else HANDLE for s in STATES},
    "reviewer": {
        s: (
            SEE
            if s == "answered"
            else sorted(["approve_extension", *SEE])
            if s == "extension_requested"
            else HANDLE
        )
        for s in STATES
    },
    "auditor": {s: AUDIT for s in STATES},
    "site_admin": {s: SEE for s in STATES},
    # 三员分立: the administrators hold nothing on an application
    "system_admin": NOTHING,
    "security_admin": NOTHING,
    "audit_admin": NOTHING,
}

HANDLER_STEPS = {
    "received": ["register"],
    "processing": ["answer", "consult", "request_extension", "request_supplement"],
    "supplement": ["close_unsupplemented", "complete_supplement"],
    "consulting": ["resume"],
    "extension_requested": [],
    "answered": [],
}
EXPECTED_TRANSITIONS = {
    "anonymous": NOTHING,
    "authenticated": NOTHING,
    "editor": HANDLER_STEPS,
    "reviewer": dict(HANDLER_STEPS, extension_requested=["approve_extension", "refuse_extension"]),
    "auditor": NOTHING,
    "site_admin": NOTHING,
    "system_admin": NOTHING,
    "security_admin": NOTHING,
    "audit_admin": NOTHING,
}

LOCATIONS = ("jyj", "")

#: The workflow tests' fixtures: one copy of the demo site for the module.
module_app = workflow_fixtures.module_app
site = workflow_fixtures.site


def new_application(site, where):
    box = find_box(site.place(where), create=True)
    application = Application({"type": "person", "name": "测试"}, {"description": "测试"})
    box.add(application, 2026)
    application.registered_on = application.clock_start = date(2026, 9, 28)
    # a supplement whose deadline has passed, so closing for it is possible
    application.pause_due = date(2026, 10, 14)
    site.workflow(application).initialize(application, site.base_request)
    return application


@pytest.fixture(scope="module")
def applications(site):
    return {
        where: site.items_in_states(lambda w=where: new_application(site, w), STATES)
        for where in LOCATIONS
    }


def transition_table(site, items_by_state, players):
    table = {}
    for label, login in players.items():
        request = site.request(login)
        table[label] = {}
        for state, item in items_by_state.items():
            workflow = site.workflow(item)
            table[label][state] = sorted(
                name
                for name in workflow.definition.transitions
                if workflow.problems(item, request, name, COMMENT)[0] == 200
            )
    return table


@pytest.mark.parametrize("where", LOCATIONS, ids=lambda w: w or "portal")
def test_role_players_hold_their_role(site, applications, where):
    check_role_players(site, applications[where], where)


@pytest.mark.parametrize("where", LOCATIONS, ids=lambda w: w or "portal")
def test_permissions(site, applications, where):
    actual = permission_table(site, applications[where], role_players(where))
    assert_tables_equal(EXPECTED_PERMISSIONS, actual, f"application.yaml permissions at {where!r}")


@pytest.mark.parametrize("where", LOCATIONS, ids=lambda w: w or "portal")
def test_transitions(site, applications, where, monkeypatch):
    monkeypatch.setattr("govportal.applications.clock.today", lambda: date(2026, 10, 15))
    actual = transition_table(site, applications[where], role_players(where))
    assert_tables_equal(EXPECTED_TRANSITIONS, actual, f"application.yaml transitions at {where!r}")


OUTSIDERS = {
    "jyj": ["wjj_editor", "wjj_reviewer", "portal_editor", "portal_reviewer"],
    "": ["jyj_editor", "jyj_reviewer", "wjj_editor", "wjj_reviewer"],
}


@pytest.mark.parametrize("where", list(OUTSIDERS), ids=lambda w: w or "portal")
def test_other_sites_staff_have_nothing(site, applications, where, monkeypatch):
    monkeypatch.setattr("govportal.applications.clock.today", lambda: date(2026, 10, 15))
    players = {login: login for login in OUTSIDERS[where]}
    expected = {login: NOTHING for login in players}
    assert_tables_equal(
        expected, permission_table(site, applications[where], players), "outsiders' permissions"
    )
    assert_tables_equal(
        expected, transition_table(site, applications[where], players), "outsiders' transitions"
    )
