"""The loops every authorization-matrix test repeats (beside the tables
machinery of :mod:`tests.workflow.matrix`): the supervisor's user, the role
players with the supervisor, test ids of the places, and the check that
staff of other sites get only what outsiders get."""

from govportal.security.localroles import grant_roles
from tests.workflow.matrix import (
    assert_tables_equal,
    permission_table,
    role_players,
    transition_table,
)


def add_supervisor(site, login):
    """A user granted the global ``supervisor`` role (电子监察) at the portal root."""
    user = site.add_user(login)
    grant_roles(site.root, site.oid(login), "supervisor")
    return user


def players_and_supervisor(where, supervisor):
    """The role players of ``where`` and the supervisor's user."""
    return role_players(where) | {"supervisor": supervisor}


def where_id(where):
    return where or "portal"


def case_id(case):
    """The test id of a (where, content type) case."""
    return f"{where_id(case[0])}-{case[1]}"


def check_outsiders(site, items_by_state, logins, permissions, transitions, where=None):
    """Each of ``logins`` has ``permissions`` and ``transitions`` ({state:
    sorted list}) on the items, no more, no less."""
    players = {login: login for login in logins}
    at = "" if where is None else f" at {where!r}"
    assert_tables_equal(
        {login: permissions for login in players},
        permission_table(site, items_by_state, players),
        f"outsiders' permissions{at}",
    )
    assert_tables_equal(
        {login: transitions for login in players},
        transition_table(site, items_by_state, players),
        f"outsiders' transitions{at}",
    )
