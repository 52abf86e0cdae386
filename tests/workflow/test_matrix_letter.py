"""Authorization matrix of ``workflows/letter.yaml`` (信件办理流程).

EXPECTED tables are the reviewed state of the file; ACTUAL tables come from
real letters in a site's private letter box, asked through the real
policies.  Besides the roles of every matrix, the global ``supervisor``
(电子监察, a user granted the role at the portal root).

No state inherits.  The writer's personal data (``view_writer``) stay with
the handling site's editors and reviewers; auditors, the 电子监察员 and site
administrators follow letters and clocks without them and act on nothing.
Only ``published`` is public.  Guards are satisfied by the data (a reply
drafted by somebody else, the writer's consent and a masked public text), so
the transition tables show permissions and states.
"""

import pytest

from govportal.interaction.letters.model import Letter, find_box
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
    check_outsiders,
    players_and_supervisor,
    where_id,
)

STATES = ("received", "handling", "review", "answered", "published", "refused")
SUPERVISOR = "supervisor_letters"

SEE = ["view_history", "view_letter", "view_writer"]
HANDLE = sorted(["handle_letter", *SEE])
FOLLOW = ["view_history", "view_letter"]


def _plus(perms, *more):
    return sorted({*perms, *more})


def _public(table):
    """``published`` grants ``view`` in the file, but ``view`` is asked on the
    whole lineage (govportal.security.policy) and the letter box denies
    everything: a letter is never traversable, whatever its state.  The
    public pages show published letters by their state (``facts.is_public``),
    masked."""
    return {s: sorted(p) for s, p in table.items()}


NOTHING = _public({s: [] for s in STATES})
FOLLOWER = _public({s: FOLLOW for s in STATES})

EXPECTED_PERMISSIONS = {
    "anonymous": NOTHING,
    "authenticated": NOTHING,
    "editor": _public(
        {
            "received": HANDLE,
            "handling": HANDLE,
            "review": SEE,
            "answered": SEE,
            "published": SEE,
            "refused": SEE,
        }
    ),
    "reviewer": _public(
        {
            "received": HANDLE,
            "handling": _plus(HANDLE, "approve_reply"),
            "review": _plus(SEE, "approve_reply"),
            "answered": _plus(SEE, "publish_letter"),
            "published": _plus(SEE, "publish_letter"),
            "refused": SEE,
        }
    ),
    "auditor": FOLLOWER,
    "site_admin": FOLLOWER,
    "system_admin": NOTHING,
    "security_admin": NOTHING,
    "audit_admin": NOTHING,
    "supervisor": FOLLOWER,
}

NONE = {s: [] for s in STATES}
EDITOR_STEPS = NONE | {"received": ["accept", "refuse"], "handling": ["reassign", "submit_reply"]}
EXPECTED_TRANSITIONS = {
    "anonymous": NONE,
    "authenticated": NONE,
    "editor": EDITOR_STEPS,
    "reviewer": EDITOR_STEPS
    | {
        "review": ["approve_reply", "return_reply"],
        "answered": ["publish"],
        "published": ["unpublish"],
    },
    "auditor": NONE,
    "site_admin": NONE,
    "system_admin": NONE,
    "security_admin": NONE,
    "audit_admin": NONE,
    "supervisor": NONE,
}

LOCATIONS = ("jyj", "")

module_app = workflow_fixtures.module_app
site = workflow_fixtures.site


def players(where):
    return players_and_supervisor(where, SUPERVISOR)


def new_letter(site, where, state):
    letter = Letter("mailbox", "education", "标题", "内容", {"name": "王小明"}, may_publish=True)
    letter.reply = {"text": "答复内容", "by": "somebody-else"}
    letter.public = {"subject": "标题", "body": "内容", "reply": "答复内容"}
    site._counter += 1
    find_box(site.place(where), create=True).add(letter, f"matrix-{site._counter}")
    site.workflow(letter).initialize(letter, site.base_request)
    return site.put_in_state(letter, state)


@pytest.fixture(scope="module")
def letters(site):
    add_supervisor(site, SUPERVISOR)
    site.add_administrators()
    return {where: {s: new_letter(site, where, s) for s in STATES} for where in LOCATIONS}


@pytest.mark.parametrize("where", LOCATIONS, ids=where_id)
def test_role_players_hold_their_role(site, letters, where):
    check_role_players(site, letters[where], where)
    for state, item in letters[where].items():
        assert site.roles_on(site.request(SUPERVISOR), item) == {"supervisor"}, state


@pytest.mark.parametrize("where", LOCATIONS, ids=where_id)
def test_permissions(site, letters, where):
    actual = permission_table(site, letters[where], players(where))
    assert_tables_equal(EXPECTED_PERMISSIONS, actual, f"letter.yaml permissions at {where!r}")


@pytest.mark.parametrize("where", LOCATIONS, ids=where_id)
def test_transitions(site, letters, where):
    actual = transition_table(site, letters[where], players(where))
    assert_tables_equal(EXPECTED_TRANSITIONS, actual, f"letter.yaml transitions at {where!r}")


OUTSIDERS = {
    "jyj": ["rsj_editor", "rsj_reviewer", "portal_editor", "portal_reviewer"],
    "": ["jyj_editor", "jyj_reviewer", "rsj_editor", "rsj_reviewer"],
}


@pytest.mark.parametrize("where", list(OUTSIDERS), ids=where_id)
def test_other_sites_have_nothing(site, letters, where):
    check_outsiders(site, letters[where], OUTSIDERS[where], NOTHING, NONE)


def test_only_published_is_public(site):
    from govportal.workflow import facts

    public = [s for s in STATES if facts.is_public(site.registry, s, "Letter")]
    assert public == ["published"]


def test_every_role_is_in_the_tables():
    assert set(EXPECTED_PERMISSIONS) == set(ROLES) | {"supervisor"}
