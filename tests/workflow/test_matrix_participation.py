"""Authorization matrix of ``workflows/participation.yaml`` (意见征集, 采纳情况,
在线调查, 在线访谈, 知识库条目: 先审后发 with four eyes).

EXPECTED tables are the reviewed state of the file; ACTUAL tables come from
real items of every bound content type in a real site, asked through the
real policies.  The ``supervisor`` (电子监察) is a user granted the global
role at the portal root.
"""

import pytest

from govportal.workflow.guards import set_last_editor
from govportal.workflow.history import get_history
from tests.workflow import conftest as workflow_fixtures
from tests.workflow.matrix import (
    ROLES,
    SECOND_REVIEWER,
    assert_tables_equal,
    check_role_players,
    permission_table,
    role_login,
    transition_table,
)
from tests.workflow.matrix_checks import (
    add_supervisor,
    case_id,
    check_outsiders,
    players_and_supervisor,
    where_id,
)

module_app = workflow_fixtures.module_app
site = workflow_fixtures.site

STATES = ("draft", "review", "published", "archived")
TYPES = ("Consultation", "AdoptionReport", "Survey", "Interview", "KnowledgeEntry")
SUPERVISOR = "supervisor_participation"
#: (where, content type) pairs measured: every type in a department, the
#: consultation also on the portal and in a second department
CASES = [("jyj", t) for t in TYPES] + [("", "Consultation"), ("wjj", "Consultation")]

OUTSIDER_VIEW = {"draft": [], "review": [], "published": ["view"], "archived": ["view"]}
FOLLOW = ["view", "view_history"]

EXPECTED_PERMISSIONS = {
    "anonymous": OUTSIDER_VIEW,
    "authenticated": OUTSIDER_VIEW,
    "editor": {
        "draft": ["delete", "edit", "submit", "view", "view_history"],
        "review": ["view", "view_history", "withdraw"],
        "published": FOLLOW,
        "archived": FOLLOW,
    },
    "reviewer": {
        "draft": ["break_lock", "view", "view_history"],
        "review": ["approve", "break_lock", "edit", "reject", "view", "view_history"],
        "published": ["archive", "retract", "view", "view_history"],
        "archived": ["restore", "view", "view_history"],
    },
    "auditor": {state: FOLLOW for state in STATES},
    "site_admin": {
        "draft": ["break_lock", "delete", "edit", "view", "view_history"],
        "review": ["break_lock", "view", "view_history"],
        "published": FOLLOW,
        "archived": FOLLOW,
    },
    "system_admin": OUTSIDER_VIEW,
    "security_admin": OUTSIDER_VIEW,
    "audit_admin": OUTSIDER_VIEW,
    "supervisor": {state: ["view"] for state in STATES},
}

NONE = {state: [] for state in STATES}
EXPECTED_TRANSITIONS = {
    "anonymous": NONE,
    "authenticated": NONE,
    "editor": {"draft": ["submit"], "review": ["withdraw"], "published": [], "archived": []},
    "reviewer": {
        "draft": [],
        "review": ["approve", "reject"],
        "published": ["archive", "retract"],
        "archived": ["restore"],
    },
    "auditor": NONE,
    "site_admin": NONE,
    "system_admin": NONE,
    "security_admin": NONE,
    "audit_admin": NONE,
    "supervisor": NONE,
}


def new_item(site, where, content_type):
    item = site.new(content_type, site.place(where), prefix="participation")
    item.title = f"测试{content_type}"
    set_last_editor(item, site.oid(role_login("editor", where)))
    return item


@pytest.fixture(scope="module")
def items(site):
    add_supervisor(site, SUPERVISOR)
    return {case: site.items_in_states(lambda c=case: new_item(site, *c), STATES) for case in CASES}


def test_every_type_is_bound(site):
    for content_type in TYPES:
        assert site.registry.govportal_workflow_bindings[content_type] == "participation"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_role_players_hold_their_role(site, items, case):
    check_role_players(site, items[case], case[0])


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_permissions(site, items, case):
    actual = permission_table(site, items[case], players_and_supervisor(case[0], SUPERVISOR))
    assert_tables_equal(EXPECTED_PERMISSIONS, actual, f"participation.yaml permissions at {case}")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_transitions(site, items, case):
    actual = transition_table(site, items[case], players_and_supervisor(case[0], SUPERVISOR))
    assert_tables_equal(EXPECTED_TRANSITIONS, actual, f"participation.yaml transitions at {case}")


OUTSIDERS = {
    "wjj": ["jyj_editor", "jyj_reviewer", SECOND_REVIEWER, "portal_editor", "portal_reviewer"],
    "jyj": ["wjj_editor", "wjj_reviewer", "portal_editor", "portal_reviewer"],
    "": ["jyj_editor", "jyj_reviewer", "wjj_editor", "wjj_reviewer"],
}


@pytest.mark.parametrize("where", list(OUTSIDERS), ids=where_id)
def test_roles_end_at_the_department_boundary(site, items, where):
    by_state = items[(where, "Consultation")]
    check_outsiders(site, by_state, OUTSIDERS[where], OUTSIDER_VIEW, NONE, where)


def test_every_role_is_in_the_tables():
    assert set(EXPECTED_PERMISSIONS) == set(ROLES) | {"supervisor"}
    assert set(EXPECTED_TRANSITIONS) == set(ROLES) | {"supervisor"}


def test_four_eyes(site):
    item = site.put_in_state(new_item(site, "jyj", "Consultation"), "review")
    set_last_editor(item, site.oid("jyj_reviewer"))
    workflow = site.workflow(item)
    status, messages = workflow.problems(item, site.request("jyj_reviewer"), "approve", "同意")
    assert (status, [str(m) for m in messages]) == (400, ["workflow-four-eyes"])
    record = workflow.transition(item, site.request(SECOND_REVIEWER), "approve", comment="")
    assert workflow.state_of(item) == "published" and get_history(item) == (record,)
