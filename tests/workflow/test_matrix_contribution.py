"""Authorization matrix of ``workflows/contribution.yaml`` (留言审核: comments
on consultations and questions to interviews, moderated before they show).

EXPECTED tables are the reviewed state of the file; ACTUAL tables come from
real contributions in the private box of a consultation (and of an
interview) of a real site, asked through the real policies.  No state
inherits: the writer's contact data (``view_writer``) stay with the site's
editors and reviewers; supervisors, auditors and site administrators follow
(``view_letter``) without them.

``view`` is never granted on a contribution itself: it lives in the item's
private box (which denies everything, and ``view`` needs every container),
so no address reaches it.  Visitors read the *shown* ones through the
item's page, which asks the workflow whether the state is public
(:func:`test_only_shown_is_public`).
"""

import pytest

from govportal.interaction.contributions.model import Contribution, find_box
from tests.workflow import conftest as workflow_fixtures
from tests.workflow.matrix import (
    ROLES,
    assert_tables_equal,
    check_role_players,
    permission_table,
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

STATES = ("pending", "shown", "hidden")
SUPERVISOR = "supervisor_contribution"
CASES = [("jyj", "Consultation"), ("", "Consultation"), ("jyj", "Interview")]

NOTHING = {state: [] for state in STATES}
VISITOR = NOTHING
MODERATOR = {
    "pending": ["moderate", "view_letter", "view_writer"],
    "shown": ["moderate", "view_letter", "view_writer"],
    "hidden": ["moderate", "view_letter", "view_writer"],
}
FOLLOWER = {state: ["view_letter"] for state in STATES}

EXPECTED_PERMISSIONS = {
    "anonymous": VISITOR,
    "authenticated": VISITOR,
    "editor": MODERATOR,
    "reviewer": MODERATOR,
    "auditor": FOLLOWER,
    "site_admin": FOLLOWER,
    "system_admin": VISITOR,
    "security_admin": VISITOR,
    "audit_admin": VISITOR,
    "supervisor": FOLLOWER,
}

MODERATES = {"pending": ["hide", "show"], "shown": ["withdraw_shown"], "hidden": ["reshow"]}
EXPECTED_TRANSITIONS = {
    "anonymous": NOTHING,
    "authenticated": NOTHING,
    "editor": MODERATES,
    "reviewer": MODERATES,
    "auditor": NOTHING,
    "site_admin": NOTHING,
    "system_admin": NOTHING,
    "security_admin": NOTHING,
    "audit_admin": NOTHING,
    "supervisor": NOTHING,
}


@pytest.fixture(scope="module")
def items(site):
    add_supervisor(site, SUPERVISOR)
    result = {}
    for where, content_type in CASES:
        item = site.new(content_type, site.place(where), prefix="with-contributions")
        box = find_box(item, create=True)

        def make(box=box):
            site._counter += 1
            c = box.add(
                Contribution("comment", "意见", {"phone": "13800138000"}), f"{site._counter:06d}"
            )
            site.workflow(c).initialize(c, site.base_request)
            return c

        result[(where, content_type)] = site.items_in_states(make, STATES)
    return result


def test_only_shown_is_public(site):
    from govportal.workflow import facts

    assert set(facts.public_states(site.registry, "Contribution")) == {"shown"}


def test_contributions_are_bound(site):
    assert site.registry.govportal_workflow_bindings["Contribution"] == "contribution"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_role_players_hold_their_role(site, items, case):
    check_role_players(site, items[case], case[0])


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_permissions(site, items, case):
    actual = permission_table(site, items[case], players_and_supervisor(case[0], SUPERVISOR))
    assert_tables_equal(EXPECTED_PERMISSIONS, actual, f"contribution.yaml permissions at {case}")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_transitions(site, items, case):
    actual = transition_table(site, items[case], players_and_supervisor(case[0], SUPERVISOR))
    assert_tables_equal(EXPECTED_TRANSITIONS, actual, f"contribution.yaml transitions at {case}")


OUTSIDERS = {
    "jyj": ["wjj_editor", "wjj_reviewer", "portal_editor", "portal_reviewer"],
    "": ["jyj_editor", "jyj_reviewer", "wjj_editor", "wjj_reviewer"],
}


@pytest.mark.parametrize("where", list(OUTSIDERS), ids=where_id)
def test_other_sites_staff_only_see_what_is_shown(site, items, where):
    by_state = items[(where, "Consultation")]
    check_outsiders(site, by_state, OUTSIDERS[where], VISITOR, NOTHING, where)


def test_every_role_is_in_the_tables():
    assert set(EXPECTED_PERMISSIONS) == set(ROLES) | {"supervisor"}
    assert set(EXPECTED_TRANSITIONS) == set(ROLES) | {"supervisor"}
