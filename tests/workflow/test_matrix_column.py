"""Authorization matrix of ``workflows/column.yaml`` (栏目启用与停用).

EXPECTED tables are the reviewed state of the file; ACTUAL tables come from
real columns in a real site, asked through the real policies.  An open
column inherits (``inherit: true``), so its table also shows what the
department (site.yaml) passes down; a closed one replaces inherited rights.
"""

import pytest
from substanced.util import get_acl

from govportal.workflow.errors import TransitionRefused
from govportal.workflow.history import get_history

from .matrix import (
    ADMINISTRATOR_GRANTS,
    ALL_BUT_DUTIES,
    assert_tables_equal,
    check_role_players,
    permission_table,
    role_players,
    transition_table,
)

STATES = ("open", "closed")

#: role -> state -> permissions held on a column (among all of roles.yaml)
EXPECTED_PERMISSIONS = {
    "anonymous": {"open": ["view"], "closed": []},
    "authenticated": {"open": ["view"], "closed": []},
    "editor": {
        # view_monitoring is inherited from the site while open (its views
        # exist on sites only)
        "open": ["add_content", "view", "view_monitoring"],
        "closed": ["view"],  # a closed column takes no new items
    },
    "reviewer": {
        # annual_report is inherited from the site while open (its views
        # exist on sites only)
        "open": [
            "annual_report",
            "review_syndication",
            "view",
            "view_history",
            "view_monitoring",
            "view_syndication_stats",
        ],
        "closed": ["view", "view_history"],
    },
    "auditor": {
        "open": ["view", "view_history", "view_monitoring", "view_syndication_stats"],
        "closed": ["view", "view_history"],
    },
    # [ALL]: every permission of roles.yaml that is no administrator's duty
    "site_admin": {"open": ALL_BUT_DUTIES, "closed": ALL_BUT_DUTIES},
    # 三员分立: an open column inherits the site's grants (each duty and
    # view); a closed one shows itself to the system administrator in the
    # SDI and to nobody else of the three
    "system_admin": {
        "open": ADMINISTRATOR_GRANTS["system_admin"],
        "closed": ["sdi.view", "view"],
    },
    "security_admin": {"open": ADMINISTRATOR_GRANTS["security_admin"], "closed": []},
    "audit_admin": {"open": ADMINISTRATOR_GRANTS["audit_admin"], "closed": []},
}

#: role -> state -> transitions the role may run (with a comment)
EXPECTED_TRANSITIONS = {
    "anonymous": {"open": [], "closed": []},
    "authenticated": {"open": [], "closed": []},
    "editor": {"open": [], "closed": []},
    "reviewer": {"open": [], "closed": []},
    "auditor": {"open": [], "closed": []},
    "site_admin": {"open": ["close"], "closed": ["reopen"]},
    "system_admin": {"open": [], "closed": []},
    "security_admin": {"open": [], "closed": []},
    "audit_admin": {"open": [], "closed": []},
}

OUTSIDER_PERMISSIONS = {"open": ["view"], "closed": []}
NO_TRANSITIONS = {"open": [], "closed": []}

#: "" is the portal root (portal groups play editor and reviewer there)
LOCATIONS = ("jyj", "wjj", "")


@pytest.fixture(scope="module")
def columns(site):
    """where -> {state: a new column of that place in that state}."""

    def make(where):
        container = site.place(where)
        return site.items_in_states(lambda: site.new("Column", container, title="测试栏目"), STATES)

    return {where: make(where) for where in LOCATIONS}


@pytest.mark.parametrize("where", LOCATIONS, ids=lambda w: w or "portal")
def test_role_players_hold_their_role(site, columns, where):
    check_role_players(site, columns[where], where)


@pytest.mark.parametrize("where", LOCATIONS, ids=lambda w: w or "portal")
def test_permissions(site, columns, where):
    actual = permission_table(site, columns[where], role_players(where))
    assert_tables_equal(EXPECTED_PERMISSIONS, actual, f"column.yaml permissions at {where!r}")


@pytest.mark.parametrize("where", LOCATIONS, ids=lambda w: w or "portal")
def test_transitions(site, columns, where):
    actual = transition_table(site, columns[where], role_players(where))
    assert_tables_equal(EXPECTED_TRANSITIONS, actual, f"column.yaml transitions at {where!r}")


def test_demo_columns_are_open(site):
    for where in ("jyj", "wjj"):
        assert site.state(site.root[where]["gzdt"]) == "open"
    assert site.state(site.root["zcwj"]) == "open"


OUTSIDERS = {
    "wjj": ["jyj_editor", "jyj_reviewer", "portal_editor", "portal_reviewer"],
    "jyj": ["wjj_editor", "wjj_reviewer", "portal_editor", "portal_reviewer"],
    "": ["jyj_editor", "jyj_reviewer", "wjj_editor", "wjj_reviewer"],
}


@pytest.mark.parametrize("where", list(OUTSIDERS), ids=lambda w: w or "portal")
def test_roles_end_at_the_department_boundary(site, columns, where):
    logins = OUTSIDERS[where]
    players = {login: login for login in logins}
    assert_tables_equal(
        {login: OUTSIDER_PERMISSIONS for login in logins},
        permission_table(site, columns[where], players),
        f"outsiders' permissions at {where!r}",
    )
    assert_tables_equal(
        {login: NO_TRANSITIONS for login in logins},
        transition_table(site, columns[where], players),
        f"outsiders' transitions at {where!r}",
    )


@pytest.mark.parametrize("comment", ["", "   ", None], ids=["empty", "blank", "absent"])
def test_close_requires_a_comment(site, comment):
    column = site.new("Column", site.root["jyj"], title="待停用栏目")
    workflow = site.workflow(column)
    admin = site.request("admin")
    acl = get_acl(column)
    with pytest.raises(TransitionRefused) as info:
        workflow.transition(column, admin, "close", comment=comment)
    assert info.value.status == 400
    assert [str(m) for m in info.value.messages] == ["workflow-comment-required"]
    assert workflow.state_of(column) == "open" and get_acl(column) == acl
    assert get_history(column) == ()
    record = workflow.transition(column, admin, "close", comment="长期无法更新")
    assert workflow.state_of(column) == "closed" and get_history(column) == (record,)
    record = workflow.transition(column, admin, "reopen", comment="")  # optional
    assert workflow.state_of(column) == "open" and len(get_history(column)) == 2
    assert get_acl(column) == acl


def test_closing_a_column_hides_its_published_documents(site):
    column = site.new("Column", site.root["jyj"], title="将停用的栏目")
    doc = site.put_in_state(site.new_document(column), "published")
    site.put_in_state(column, "closed")
    visitor = site.request(None)
    assert not visitor.has_permission("view", column)
    assert not visitor.has_permission("view", doc)
