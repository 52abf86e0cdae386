"""Authorization matrix of ``workflows/specialtopic.yaml`` (专题专栏).

EXPECTED tables are the reviewed state of the file; ACTUAL tables come from
real special topics under the portal of a copy of the demo site, asked
through the real policies (the machinery of ``tests/workflow/matrix.py``).
No state inherits: a topic being built or in review is invisible to
visitors and to the administrators of 三员分立; department staff hold no
role on the portal's topics.
"""

from tests.workflow import conftest as workflow_fixtures
from tests.workflow.matrix import (
    ROLES,
    assert_tables_equal,
    check_role_players,
    permission_table,
    role_players,
    transition_table,
)
from tests.workflow.matrix_checks import check_outsiders

module_app = workflow_fixtures.module_app
site = workflow_fixtures.site

STATES = ("draft", "review", "open", "archived")
NOTHING = {state: [] for state in STATES}
PUBLIC = {"draft": [], "review": [], "open": ["view"], "archived": ["view"]}
FOLLOW = ["view", "view_history"]

EXPECTED_PERMISSIONS = {
    "anonymous": PUBLIC,
    "authenticated": PUBLIC,
    "editor": {
        "draft": ["add_content", "delete", "edit", "submit", "view", "view_history"],
        "review": FOLLOW,
        "open": ["add_content", "edit", "view", "view_history"],
        "archived": FOLLOW,
    },
    "reviewer": {
        "draft": FOLLOW,
        "review": ["approve", "reject", "view", "view_history"],
        "open": ["archive", "view", "view_history"],
        "archived": ["restore", "view", "view_history"],
    },
    "auditor": {state: FOLLOW for state in STATES},
    "site_admin": {
        "draft": ["add_content", "delete", "edit", "view", "view_history"],
        "review": FOLLOW,
        "open": ["add_content", "archive", "edit", "view", "view_history"],
        "archived": ["restore", "view", "view_history"],
    },
    "system_admin": PUBLIC,
    "security_admin": PUBLIC,
    "audit_admin": PUBLIC,
}

EXPECTED_TRANSITIONS = {
    "anonymous": NOTHING,
    "authenticated": NOTHING,
    "editor": {"draft": ["submit"], "review": [], "open": [], "archived": []},
    "reviewer": {
        "draft": [],
        "review": ["approve", "reject"],
        "open": ["archive"],
        "archived": ["restore"],
    },
    "auditor": NOTHING,
    "site_admin": {"draft": [], "review": [], "open": ["archive"], "archived": ["restore"]},
    "system_admin": NOTHING,
    "security_admin": NOTHING,
    "audit_admin": NOTHING,
}


def _topics(site):
    def make():
        return site.new("SpecialTopic", site.place(""), prefix="topic", title="专题")

    return site.items_in_states(make, STATES)


def test_role_players_hold_their_role(site):
    check_role_players(site, _topics(site), "")


def test_permissions(site):
    actual = permission_table(site, _topics(site), role_players(""))
    assert_tables_equal(EXPECTED_PERMISSIONS, actual, "specialtopic.yaml permissions")


def test_transitions(site):
    actual = transition_table(site, _topics(site), role_players(""))
    assert_tables_equal(EXPECTED_TRANSITIONS, actual, "specialtopic.yaml transitions")


def test_department_staff_are_outsiders(site):
    logins = ["jyj_editor", "jyj_reviewer", "wjj_editor", "wjj_reviewer"]
    check_outsiders(site, _topics(site), logins, PUBLIC, NOTHING)


def test_every_role_is_in_the_tables():
    assert set(EXPECTED_PERMISSIONS) == set(ROLES)
    assert set(EXPECTED_TRANSITIONS) == set(ROLES)
