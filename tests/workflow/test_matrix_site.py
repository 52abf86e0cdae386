"""Authorization matrix of ``workflows/site.yaml`` (the portal and departments).

EXPECTED tables are the reviewed state of the file; ACTUAL tables come from
the demo portal root and its departments, asked through the real policies.
The portal groups hold editor and reviewer at the root only; a department's
groups hold them in that department only; auditor, site_admin and the three
administrators of 三员分立 are global.  Nobody but the system administrator
holds an ``sdi.*`` permission: the SDI is the system administrator's only.
"""

import pytest

from .matrix import (
    ADMINISTRATOR_GRANTS,
    ALL_BUT_DUTIES,
    assert_tables_equal,
    check_role_players,
    permission_table,
    role_players,
    transition_table,
)

#: role -> state -> permissions held on the portal root or a department
EXPECTED_PERMISSIONS = {
    "anonymous": {"online": ["view"]},
    "authenticated": {"online": ["view"]},
    "editor": {"online": ["add_content", "view", "view_monitoring"]},
    "reviewer": {
        "online": [
            "annual_report",
            "review_syndication",
            "view",
            "view_history",
            "view_monitoring",
            "view_syndication_stats",
        ]
    },
    "auditor": {"online": ["view", "view_history", "view_monitoring", "view_syndication_stats"]},
    # [ALL]: every permission of roles.yaml that is no administrator's duty
    "site_admin": {"online": ALL_BUT_DUTIES},
    # 三员分立: each administrator holds its duty and may read the public site
    "system_admin": {"online": ADMINISTRATOR_GRANTS["system_admin"]},
    "security_admin": {"online": ADMINISTRATOR_GRANTS["security_admin"]},
    "audit_admin": {"online": ADMINISTRATOR_GRANTS["audit_admin"]},
}

#: site.yaml has no transitions
EXPECTED_TRANSITIONS = {role: {"online": []} for role in EXPECTED_PERMISSIONS}

OUTSIDER_PERMISSIONS = {"online": ["view"]}

#: "" is the portal root itself
LOCATIONS = ("", "jyj", "wjj", "rsj", "czj", "zwfwj")


def sites(site, where):
    """{state: the portal root or the department}; all are online."""
    item = site.place(where)
    return {site.state(item): item}


@pytest.mark.parametrize("where", LOCATIONS, ids=lambda w: w or "portal")
def test_role_players_hold_their_role(site, where):
    check_role_players(site, sites(site, where), where)


@pytest.mark.parametrize("where", LOCATIONS, ids=lambda w: w or "portal")
def test_permissions(site, where):
    actual = permission_table(site, sites(site, where), role_players(where))
    assert_tables_equal(EXPECTED_PERMISSIONS, actual, f"site.yaml permissions at {where!r}")


@pytest.mark.parametrize("where", LOCATIONS, ids=lambda w: w or "portal")
def test_transitions(site, where):
    actual = transition_table(site, sites(site, where), role_players(where))
    assert_tables_equal(EXPECTED_TRANSITIONS, actual, f"site.yaml transitions at {where!r}")


def test_a_new_department_starts_online(site):
    dept = site.new("Department", site.root, title="营山县测试局", short_title="测试局")
    assert site.state(dept) == "online"
    assert site.workflow(dept).definition.name == "site"


OUTSIDERS = {
    "wjj": ["jyj_editor", "jyj_reviewer", "portal_editor", "portal_reviewer"],
    "jyj": ["wjj_editor", "wjj_reviewer", "portal_editor", "portal_reviewer"],
    # a department's roles do not reach up to the portal either
    "": ["jyj_editor", "jyj_reviewer", "wjj_editor", "wjj_reviewer"],
}


@pytest.mark.parametrize("where", list(OUTSIDERS), ids=lambda w: w or "portal")
def test_roles_end_at_the_department_boundary(site, where):
    logins = OUTSIDERS[where]
    players = {login: login for login in logins}
    assert_tables_equal(
        {login: OUTSIDER_PERMISSIONS for login in logins},
        permission_table(site, sites(site, where), players),
        f"outsiders' permissions at {where!r}",
    )
    item = site.place(where)
    for login in logins:
        assert site.roles_on(site.request(login), item) == set(), login
