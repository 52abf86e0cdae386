"""Authorization matrix of ``workflows/document.yaml`` (先审后发、一事一审).

EXPECTED tables are the reviewed state of the file; ACTUAL tables come from
real documents in a real site, asked through the real policies.  Widening or
narrowing anyone's access in document.yaml fails here until the tables are
reviewed and updated.  Every state replaces inherited rights, so these tables
are the whole truth about a document.
"""

from datetime import UTC, datetime

import pytest
from pyramid.threadlocal import manager
from substanced.event import ObjectModified
from substanced.util import find_catalog, get_acl

from govportal.workflow.errors import TransitionRefused
from govportal.workflow.events import IContentTransitioned
from govportal.workflow.guards import get_last_editor, set_last_editor
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

STATES = ("draft", "review", "scheduled", "published", "archived")

#: A document's public face: what anyone without a role on it holds.
OUTSIDER_VIEW = {
    "draft": [],
    "review": [],
    "scheduled": [],
    "published": ["view"],
    "archived": ["view"],
}

#: role -> state -> permissions held on a document (among all of roles.yaml)
EXPECTED_PERMISSIONS = {
    "anonymous": {
        "draft": [],
        "review": [],
        "scheduled": [],
        "published": ["view"],
        "archived": ["view"],
    },
    "authenticated": {
        "draft": [],
        "review": [],
        "scheduled": [],
        "published": ["view"],
        "archived": ["view"],
    },
    "editor": {
        "draft": [
            "delete",
            "edit",
            "submit",
            "view",
            "view_history",
        ],
        "review": ["view", "view_history", "withdraw"],
        "scheduled": ["view", "view_history"],
        "published": ["checkout", "offer_syndication", "view", "view_history"],
        "archived": ["view", "view_history"],
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
        "scheduled": [
            "unschedule",
            "view",
            "view_history",
        ],
        "published": [
            "archive",
            "retract",
            "view",
            "view_history",
        ],
        "archived": ["restore", "view", "view_history"],
    },
    "auditor": {
        "draft": ["view", "view_history"],
        "review": ["view", "view_history"],
        "scheduled": ["view", "view_history"],
        "published": ["view", "view_history"],
        "archived": ["view", "view_history"],
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
        "scheduled": ["view", "view_history"],
        "published": ["view", "view_history"],
        "archived": ["view", "view_history"],
    },
    # 三员分立: the administrators hold no role on a document (no state
    # inherits); they see what any visitor sees, and no SDI permission
    "system_admin": OUTSIDER_VIEW,
    "security_admin": OUTSIDER_VIEW,
    "audit_admin": OUTSIDER_VIEW,
}

#: role -> state -> transitions the role may run (with a comment; the last
#: editor of the items is the department's editor, so four eyes passes)
#: (``schedule`` needs a future 定时发布时间, which these items lack; only the
#: scheduler runs ``publish_due`` and ``expire``: see test_system_actor)
EXPECTED_TRANSITIONS = {
    "anonymous": {"draft": [], "review": [], "scheduled": [], "published": [], "archived": []},
    "authenticated": {
        "draft": [],
        "review": [],
        "scheduled": [],
        "published": [],
        "archived": [],
    },
    "editor": {
        "draft": ["submit"],
        # the editors' role players are the items' last editors (own_submission)
        "review": ["withdraw"],
        "scheduled": [],
        "published": [],
        "archived": [],
    },
    "reviewer": {
        "draft": [],
        "review": ["approve", "reject"],
        "scheduled": ["unschedule"],
        "published": ["archive", "retract"],
        "archived": ["restore"],
    },
    "auditor": {"draft": [], "review": [], "scheduled": [], "published": [], "archived": []},
    "site_admin": {"draft": [], "review": [], "scheduled": [], "published": [], "archived": []},
    "system_admin": {state: [] for state in STATES},
    "security_admin": {state: [] for state in STATES},
    "audit_admin": {state: [] for state in STATES},
}

#: What anyone without a role where the document lives holds: its public face.
OUTSIDER_PERMISSIONS = OUTSIDER_VIEW
NO_TRANSITIONS = {state: [] for state in STATES}

#: where -> column holding the documents ("" is the portal root, whose
#: editors and reviewers are the portal groups 门户编辑 and 门户审核)
LOCATIONS = {"jyj": "gzdt", "wjj": "gzdt", "": "zcwj"}


@pytest.fixture(scope="module")
def documents(site):
    """where -> {state: a document of that place in that state}."""

    def make(where):
        container = site.place(where)[LOCATIONS[where]]
        author = role_login("editor", where)
        return site.items_in_states(
            lambda: site.new_document(container, last_editor=author), STATES
        )

    return {where: make(where) for where in LOCATIONS}


@pytest.fixture
def column(site):
    return site.root["jyj"]["gzdt"]


@pytest.mark.parametrize("where", list(LOCATIONS), ids=lambda w: w or "portal")
def test_role_players_hold_their_role(site, documents, where):
    check_role_players(site, documents[where], where)


@pytest.mark.parametrize("where", list(LOCATIONS), ids=lambda w: w or "portal")
def test_permissions(site, documents, where):
    actual = permission_table(site, documents[where], role_players(where))
    assert_tables_equal(EXPECTED_PERMISSIONS, actual, f"document.yaml permissions at {where!r}")


@pytest.mark.parametrize("where", list(LOCATIONS), ids=lambda w: w or "portal")
def test_transitions(site, documents, where):
    actual = transition_table(site, documents[where], role_players(where))
    assert_tables_equal(EXPECTED_TRANSITIONS, actual, f"document.yaml transitions at {where!r}")


# -- department boundary -------------------------------------------------------------

#: (where the documents are, the logins that hold a role elsewhere only)
OUTSIDERS = {
    "wjj": ["jyj_editor", "jyj_reviewer", SECOND_REVIEWER, "portal_editor", "portal_reviewer"],
    "jyj": ["wjj_editor", "wjj_reviewer", "portal_editor", "portal_reviewer"],
    "": ["jyj_editor", "jyj_reviewer", "wjj_editor", "wjj_reviewer"],
}


@pytest.mark.parametrize("where", list(OUTSIDERS), ids=lambda w: w or "portal")
def test_roles_end_at_the_department_boundary(site, documents, where):
    """Editors and reviewers of one department (and of the portal) hold, on
    another's documents, only what any visitor holds, and run no transition."""
    logins = OUTSIDERS[where]
    players = {login: login for login in logins}
    assert_tables_equal(
        {login: OUTSIDER_PERMISSIONS for login in logins},
        permission_table(site, documents[where], players),
        f"outsiders' permissions at {where!r}",
    )
    assert_tables_equal(
        {login: NO_TRANSITIONS for login in logins},
        transition_table(site, documents[where], players),
        f"outsiders' transitions at {where!r}",
    )
    for state, doc in documents[where].items():
        for login in logins:
            assert site.roles_on(site.request(login), doc) == set(), (login, state)


def test_outsider_reviewer_is_told_forbidden(site, documents):
    doc = documents["wjj"]["review"]
    workflow = site.workflow(doc)
    with pytest.raises(TransitionRefused) as info:
        workflow.transition(doc, site.request("jyj_reviewer"), "approve", comment="")
    assert info.value.status == 403
    assert workflow.state_of(doc) == "review" and get_history(doc) == ()


# -- comments ---------------------------------------------------------------------------


def msgids(error):
    return [str(m) for m in error.messages]


@pytest.mark.parametrize(("transition", "state"), [("reject", "review"), ("retract", "published")])
@pytest.mark.parametrize("comment", ["", "  \n ", None], ids=["empty", "blank", "absent"])
def test_comment_required(site, column, transition, state, comment):
    doc = site.put_in_state(site.new_document(column, last_editor="jyj_editor"), state)
    workflow = site.workflow(doc)
    reviewer = site.request("jyj_reviewer")
    acl = get_acl(doc)
    status, messages = workflow.problems(doc, reviewer, transition, comment)
    assert (status, [str(m) for m in messages]) == (400, ["workflow-comment-required"])
    with pytest.raises(TransitionRefused) as info:
        workflow.transition(doc, reviewer, transition, comment=comment)
    assert info.value.status == 400
    assert msgids(info.value) == ["workflow-comment-required"]
    assert "必须填写意见" in info.value.messages[0].interpolate()
    assert workflow.state_of(doc) == state and get_acl(doc) == acl
    assert get_history(doc) == ()
    record = workflow.transition(doc, reviewer, transition, comment=" 请修改第二段 ")
    assert workflow.state_of(doc) == "draft"
    assert record.comment == "请修改第二段"
    assert get_history(doc) == (record,)


@pytest.mark.parametrize(
    ("transition", "state", "login"),
    [
        ("submit", "draft", "jyj_editor"),
        ("approve", "review", "jyj_reviewer"),
        ("archive", "published", "jyj_reviewer"),
        ("restore", "archived", "jyj_reviewer"),
    ],
)
def test_comment_optional(site, column, transition, state, login):
    doc = site.put_in_state(site.new_document(column, last_editor="jyj_editor"), state)
    record = site.workflow(doc).transition(doc, site.request(login), transition, comment="")
    assert record.comment == "" and get_history(doc) == (record,)


# -- four eyes ---------------------------------------------------------------------------


@pytest.mark.parametrize(("transition", "state"), [("approve", "review"), ("restore", "archived")])
def test_four_eyes(site, column, transition, state):
    """The last editor may not approve (or restore) the item; another reviewer of
    the same department may."""
    doc = site.put_in_state(site.new_document(column), state)
    set_last_editor(doc, site.oid("jyj_reviewer"))
    workflow = site.workflow(doc)
    acl = get_acl(doc)
    last_editor = site.request("jyj_reviewer")
    status, messages = workflow.problems(doc, last_editor, transition, "同意")
    assert (status, [str(m) for m in messages]) == (400, ["workflow-four-eyes"])
    with pytest.raises(TransitionRefused) as info:
        workflow.transition(doc, last_editor, transition, comment="同意")
    assert info.value.status == 400 and msgids(info.value) == ["workflow-four-eyes"]
    assert workflow.state_of(doc) == state and get_acl(doc) == acl and get_history(doc) == ()
    record = workflow.transition(doc, site.request(SECOND_REVIEWER), transition, comment="同意")
    assert workflow.state_of(doc) == "published"
    assert record.actor_id == site.oid(SECOND_REVIEWER)
    assert get_history(doc) == (record,)


def test_reviewer_who_edits_becomes_last_editor_and_cannot_approve(site, column):
    """The real path: a reviewer's edit (ObjectModified under their request)
    makes them the last editor, and four eyes then refuses their approval."""
    doc = site.put_in_state(site.new_document(column, last_editor="jyj_editor"), "review")
    reviewer = site.request("jyj_reviewer")
    assert reviewer.has_permission("edit", doc)
    manager.push({"registry": site.registry, "request": reviewer})
    try:
        doc.title = "审核员修改后的标题"
        site.registry.subscribers((ObjectModified(doc), doc), None)
    finally:
        manager.pop()
    assert get_last_editor(doc) == site.oid("jyj_reviewer")
    status, messages = site.workflow(doc).problems(doc, reviewer, "approve", "")
    assert (status, [str(m) for m in messages]) == (400, ["workflow-four-eyes"])
    status, _messages = site.workflow(doc).problems(doc, site.request(SECOND_REVIEWER), "approve")
    assert status == 200


def test_four_eyes_refuses_anonymous_even_without_permission_check(site, column):
    """The guard itself needs a signed-in user (belt and braces)."""
    doc = site.put_in_state(site.new_document(column), "review")
    guard = site.workflow(doc).guards["four_eyes"]
    tdef = site.workflow(doc).definition.transitions["approve"]
    assert str(guard(doc, site.request(None), tdef)) == "workflow-anonymous"
    assert str(guard(doc, None, tdef)) == "workflow-anonymous"
    assert guard(doc, site.request("jyj_reviewer"), tdef) is None  # no last editor yet


# -- history, event and catalog ----------------------------------------------------------


def state_oids(doc, state):
    catalog = find_catalog(doc, "govportal")
    return set(catalog["state"].eq(state).execute().ids)


#: a life cycle through every transition: (transition, login, comment, new state)
LIFE = [
    ("submit", "jyj_editor", "", "review"),
    ("reject", "jyj_reviewer", "请补充材料", "draft"),
    ("submit", "jyj_editor", "已补充", "review"),
    ("approve", "jyj_reviewer", "同意发布", "published"),
    ("archive", "jyj_reviewer", "", "archived"),
    ("restore", SECOND_REVIEWER, "恢复", "published"),
    ("retract", "jyj_reviewer", "内容有误", "draft"),
]


def test_every_transition_is_recorded_announced_and_indexed(site, column):
    doc = site.new_document(column, last_editor="jyj_editor")
    workflow = site.workflow(doc)
    oid = doc.__oid__
    assert workflow.state_of(doc) == "draft" and oid in state_oids(doc, "draft")
    assert get_acl(doc) == workflow._states["draft"]["acl"]
    events = []
    listen = events.append
    site.registry.registerHandler(listen, (IContentTransitioned,))
    try:
        for step, (name, login, comment, to_state) in enumerate(LIFE, start=1):
            from_state = workflow.state_of(doc)
            before = datetime.now(UTC)
            record = workflow.transition(doc, site.request(login), name, comment=comment)
            # state and ACL
            assert workflow.state_of(doc) == to_state, name
            assert get_acl(doc) == workflow._states[to_state]["acl"], name
            # history: who, when, from, to, comment — appended, never rewritten
            history = get_history(doc)
            assert len(history) == step and history[-1] is record
            assert (record.transition, record.from_state, record.to_state) == (
                name,
                from_state,
                to_state,
            )
            assert record.actor_id == site.oid(login) and record.actor_name == login
            assert record.comment == comment and record.workflow == "document"
            assert before <= record.when <= datetime.now(UTC)
            # the event, with the record
            assert len(events) == step
            assert events[-1].content is doc and events[-1].record is record
            # the catalog's state index follows
            assert oid in state_oids(doc, to_state), name
            assert oid not in state_oids(doc, from_state), name
    finally:
        assert site.registry.unregisterHandler(listen, (IContentTransitioned,))
    assert [r.transition for r in get_history(doc)] == [name for name, *_ in LIFE]
    assert doc.publish_date is not None  # a subscriber of the event filled it in


def test_refusals_write_no_history_and_fire_no_event(site, column):
    doc = site.new_document(column, last_editor="jyj_editor")
    workflow = site.workflow(doc)
    events = []
    listen = events.append
    site.registry.registerHandler(listen, (IContentTransitioned,))
    try:
        refusals = [
            ("approve", "jyj_reviewer", 409),  # wrong state
            ("submit", "jyj_reviewer", 403),  # not an editor
            ("submit", None, 403),  # anonymous
            ("submit", "wjj_editor", 403),  # another department
            ("publish", "jyj_editor", 400),  # no such transition
        ]
        for name, login, status in refusals:
            with pytest.raises(TransitionRefused) as info:
                workflow.transition(doc, site.request(login), name, comment="x")
            assert info.value.status == status, (name, login)
        with pytest.raises(TransitionRefused) as info:
            workflow.transition(
                doc, site.request("jyj_editor"), "submit", comment="", expected_state="review"
            )
        assert info.value.status == 409 and msgids(info.value) == ["workflow-stale"]
    finally:
        assert site.registry.unregisterHandler(listen, (IContentTransitioned,))
    assert events == [] and get_history(doc) == ()
    assert workflow.state_of(doc) == "draft" and doc.__oid__ in state_oids(doc, "draft")


# -- the scheduler's system actor ------------------------------------------------------

#: state -> what the scheduler's system request holds on a document
EXPECTED_SYSTEM_PERMISSIONS = {
    "draft": [],
    "review": [],
    "scheduled": ["run_schedule"],
    "published": ["run_schedule", "view"],
    "archived": ["view"],
}


@pytest.mark.parametrize("where", list(LOCATIONS), ids=lambda w: w or "portal")
def test_system_actor(site, documents, where):
    """The scheduler holds ``run_schedule`` where its transitions start and
    nothing else; nobody else holds the ``system`` role, and a user given it
    is still refused by ``scheduler_only``."""
    from govportal.schedule.actor import (
        SYSTEM_PRINCIPAL,
        ensure_system_grant,
        system_request,
    )
    from govportal.security.localroles import get_local_roles, grant_roles, revoke_roles

    from .matrix import granted_permissions

    ensure_system_grant(site.root)
    system = system_request(site.base_request, site.root)
    actual = {s: granted_permissions(system, d) for s, d in documents[where].items()}
    assert actual == EXPECTED_SYSTEM_PERMISSIONS
    holders = [p for p, roles in get_local_roles(site.root).items() if "system" in roles]
    assert holders == [SYSTEM_PRINCIPAL]
    doc = documents[where]["scheduled"]
    workflow = site.workflow(doc)
    reviewer = site.request(role_login("reviewer", where))
    grant_roles(site.root, reviewer.authenticated_userid, "system")
    try:
        assert reviewer.has_permission("run_schedule", doc)
        status, messages = workflow.problems(doc, reviewer, "publish_due")
        assert status == 400 and "schedule-system-only" in [str(m) for m in messages]
    finally:
        revoke_roles(site.root, reviewer.authenticated_userid, "system")
