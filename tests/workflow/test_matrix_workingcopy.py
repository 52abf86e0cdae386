"""Authorization matrix of ``workflows/workingcopy.yaml`` (工作副本).

EXPECTED tables are the reviewed state of the file; ACTUAL tables come from
real working copies inside real published documents, asked through the real
policies.  Every state replaces inherited rights, so these tables are the
whole truth about a working copy: anonymous visitors and signed-in users
without a role hold nothing in any state.
"""

import pytest
from pyramid.threadlocal import manager
from substanced.util import get_acl

from govportal.revisions import get_working_copy
from govportal.workflow.errors import TransitionRefused
from govportal.workflow.guards import set_last_editor
from govportal.workflow.history import get_history

from .matrix import (
    SECOND_REVIEWER,
    assert_tables_equal,
    check_role_players,
    permission_table,
    role_login,
    role_players,
    transition_table,
)

STATES = ("draft", "review", "merged", "discarded")

_ENDED = ["view", "view_history"]

#: role -> state -> permissions held on a working copy (among all of roles.yaml)
EXPECTED_PERMISSIONS = {
    "anonymous": {"draft": [], "review": [], "merged": [], "discarded": []},
    "authenticated": {"draft": [], "review": [], "merged": [], "discarded": []},
    "editor": {
        "draft": [
            "delete",
            "edit",
            "submit",
            "view",
            "view_history",
        ],
        "review": ["view", "view_history", "withdraw"],
        "merged": _ENDED,
        "discarded": _ENDED,
    },
    "reviewer": {
        "draft": ["break_lock", "view", "view_history"],
        "review": [
            "approve",
            "break_lock",
            "edit",
            "reject",
            "view",
            "view_history",
        ],
        "merged": _ENDED,
        "discarded": _ENDED,
    },
    "auditor": {
        "draft": ["view", "view_history"],
        "review": ["view", "view_history"],
        "merged": _ENDED,
        "discarded": _ENDED,
    },
    "site_admin": {
        "draft": [
            "break_lock",
            "delete",
            "edit",
            "view",
            "view_history",
        ],
        "review": ["break_lock", "view", "view_history"],
        "merged": _ENDED,
        "discarded": _ENDED,
    },
    # 三员分立: the administrators hold nothing on a working copy
    "system_admin": {state: [] for state in STATES},
    "security_admin": {state: [] for state in STATES},
    "audit_admin": {state: [] for state in STATES},
}

#: role -> state -> transitions the role may run (with a comment; the last
#: editor of the copies is the department's editor, so four eyes passes)
EXPECTED_TRANSITIONS = {
    "anonymous": {"draft": [], "review": [], "merged": [], "discarded": []},
    "authenticated": {"draft": [], "review": [], "merged": [], "discarded": []},
    "editor": {
        "draft": ["discard", "submit"],
        "review": ["withdraw"],  # the role player is the copy's last editor
        "merged": [],
        "discarded": [],
    },
    "reviewer": {"draft": [], "review": ["approve", "reject"], "merged": [], "discarded": []},
    "auditor": {"draft": [], "review": [], "merged": [], "discarded": []},
    "site_admin": {"draft": ["discard"], "review": [], "merged": [], "discarded": []},
    "system_admin": {state: [] for state in STATES},
    "security_admin": {state: [] for state in STATES},
    "audit_admin": {state: [] for state in STATES},
}

NOTHING = {state: [] for state in STATES}

#: where -> column holding the live documents ("" is the portal root)
LOCATIONS = {"jyj": "gzdt", "wjj": "gzdt", "": "zcwj"}


def published_document(site, container, author):
    doc = site.new_document(container, title="线上版本", body="<p>线上正文。</p>")
    set_last_editor(doc, site.oid(author))
    return site.put_in_state(doc, "published")


def working_copy_in(site, live, author, title="工作副本标题"):
    """A working copy added inside ``live`` (in draft), last edited by ``author``."""
    wc = site.new("WorkingCopy", live, prefix="wc", title=title, body="<p>新的正文。</p>")
    set_last_editor(wc, site.oid(author))
    return wc


@pytest.fixture(scope="module")
def copies(site):
    """where -> {state: a working copy of that place in that state}."""

    def make(where):
        container = site.place(where)[LOCATIONS[where]]
        author = role_login("editor", where)
        live = published_document(site, container, author)
        return site.items_in_states(lambda: working_copy_in(site, live, author), STATES)

    return {where: make(where) for where in LOCATIONS}


@pytest.fixture
def column(site):
    return site.root["jyj"]["gzdt"]


@pytest.mark.parametrize("where", list(LOCATIONS), ids=lambda w: w or "portal")
def test_role_players_hold_their_role(site, copies, where):
    check_role_players(site, copies[where], where)


@pytest.mark.parametrize("where", list(LOCATIONS), ids=lambda w: w or "portal")
def test_permissions(site, copies, where):
    actual = permission_table(site, copies[where], role_players(where))
    assert_tables_equal(EXPECTED_PERMISSIONS, actual, f"workingcopy.yaml permissions at {where!r}")


@pytest.mark.parametrize("where", list(LOCATIONS), ids=lambda w: w or "portal")
def test_transitions(site, copies, where):
    actual = transition_table(site, copies[where], role_players(where))
    assert_tables_equal(EXPECTED_TRANSITIONS, actual, f"workingcopy.yaml transitions at {where!r}")


OUTSIDERS = {
    "wjj": ["jyj_editor", "jyj_reviewer", SECOND_REVIEWER, "portal_editor", "portal_reviewer"],
    "jyj": ["wjj_editor", "wjj_reviewer", "portal_editor", "portal_reviewer"],
    "": ["jyj_editor", "jyj_reviewer", "wjj_editor", "wjj_reviewer"],
}


@pytest.mark.parametrize("where", list(OUTSIDERS), ids=lambda w: w or "portal")
def test_other_departments_hold_nothing(site, copies, where):
    """Editors and reviewers of another department hold nothing on a working
    copy — not even what visitors hold on the live page."""
    logins = OUTSIDERS[where]
    players = {login: login for login in logins}
    assert_tables_equal(
        {login: NOTHING for login in logins},
        permission_table(site, copies[where], players),
        f"outsiders' permissions at {where!r}",
    )
    assert_tables_equal(
        {login: NOTHING for login in logins},
        transition_table(site, copies[where], players),
        f"outsiders' transitions at {where!r}",
    )


def test_nobody_may_check_out_but_the_departments_editor(site, column):
    """``checkout`` (document.yaml) is held by the editors of the document's
    department on a published document, and by nobody anywhere else."""
    docs = site.items_in_states(
        lambda: site.new_document(column, last_editor="jyj_editor"),
        ("draft", "review", "published", "archived"),
    )
    holders = {
        state: sorted(
            login
            for login in (
                None,
                "nobody",
                "jyj_editor",
                "jyj_reviewer",
                "wjj_editor",
                "portal_editor",
                "auditor",
                "admin",
                "sysadmin",
                "secadmin",
                "auditadmin",
            )
            if site.request(login).has_permission("checkout", doc)
        )
        for state, doc in docs.items()
    }
    assert holders == {"draft": [], "review": [], "published": ["jyj_editor"], "archived": []}


@pytest.mark.parametrize("comment", ["", "  \n ", None], ids=["empty", "blank", "absent"])
def test_reject_requires_a_comment(site, column, comment):
    live = published_document(site, column, "jyj_editor")
    wc = site.put_in_state(working_copy_in(site, live, "jyj_editor"), "review")
    workflow = site.workflow(wc)
    reviewer = site.request("jyj_reviewer")
    acl = get_acl(wc)
    with pytest.raises(TransitionRefused) as info:
        workflow.transition(wc, reviewer, "reject", comment=comment)
    assert info.value.status == 400
    assert [str(m) for m in info.value.messages] == ["workflow-comment-required"]
    assert workflow.state_of(wc) == "review" and get_acl(wc) == acl and get_history(wc) == ()
    record = workflow.transition(wc, reviewer, "reject", comment="请补充依据")
    assert workflow.state_of(wc) == "draft" and record.comment == "请补充依据"


def test_four_eyes_on_approval(site, column):
    """The copy's last editor may not approve it; another reviewer of the
    department may, and the live document then holds the copy's content."""
    live = published_document(site, column, "jyj_editor")
    wc = site.put_in_state(working_copy_in(site, live, "jyj_reviewer"), "review")
    workflow = site.workflow(wc)
    with pytest.raises(TransitionRefused) as info:
        workflow.transition(wc, site.request("jyj_reviewer"), "approve", comment="同意")
    assert info.value.status == 400
    assert [str(m) for m in info.value.messages] == ["workflow-four-eyes"]
    assert workflow.state_of(wc) == "review" and live.title == "线上版本"
    assert wc.__parent__ is live
    request = site.request(SECOND_REVIEWER)
    manager.push({"registry": site.registry, "request": request})
    try:
        record = workflow.transition(wc, request, "approve", comment="同意")
    finally:
        manager.pop()
    assert record.to_state == "merged"
    assert live.title == "工作副本标题" and live.body == "<p>新的正文。</p>"
    assert site.workflow(live).state_of(live) == "published"
    assert wc.__name__ not in live and get_working_copy(live) is None
    last = get_history(live)[-1]
    assert last.actor_id == site.oid(SECOND_REVIEWER) and "同意" in last.comment


def test_prepublication_checks_hold_the_approval(site, column):
    """A working copy whose text holds personal data is not approved: the
    live page would publish it."""
    live = published_document(site, column, "jyj_editor")
    wc = working_copy_in(site, live, "jyj_editor")
    wc.body = "<p>联系人身份证号：11010519491231002X。</p>"
    site.put_in_state(wc, "review")
    workflow = site.workflow(wc)
    with pytest.raises(TransitionRefused) as info:
        workflow.transition(wc, site.request(SECOND_REVIEWER), "approve", comment="同意")
    assert info.value.status == 400
    texts = [m.interpolate() if hasattr(m, "interpolate") else str(m) for m in info.value.messages]
    assert any("身份证" in t for t in texts), texts
    assert workflow.state_of(wc) == "review" and wc.__parent__ is live
    assert "11010519491231002X" not in live.body and get_history(wc) == ()
