"""Shared machinery of the authorization-matrix tests (``test_matrix_*.py``).

Each matrix test keeps its EXPECTED tables literally and compares them with
tables computed from the real workflow files and the real policies:

- a :class:`Site` wraps an open database session on a copy of the demo site;
- every role is played by a real principal that holds it through the real
  grants of the demo site (a department's groups for editor and reviewer,
  ``admins`` for site_admin, ``审计员`` for auditor, nobody for anonymous, a
  user in no group for authenticated); the three administrators of 三员分立
  (system_admin, security_admin, audit_admin) are played by users the
  fixture creates and grants their role at the portal root, the way
  ``govportal-init`` does;
- :func:`permission_table` asks ``request.has_permission`` for every
  permission of ``roles.yaml``; :func:`transition_table` asks the workflow.

Tables are ``{role: {state: sorted list}}``; :func:`assert_tables_equal`
fails with a readable, line-per-difference message.
"""

import transaction
from pyramid.request import Request, apply_request_extensions
from pyramid.security import Authenticated
from substanced.util import get_acl, get_oid

from govportal.bootstrap import request_as
from govportal.security.localroles import effective_roles
from govportal.workflow import get_workflow
from govportal.workflow.errors import TransitionRefused
from govportal.workflow.guards import set_last_editor
from govportal.workflow.history import get_history
from tests.conftest import PASSWORD

#: Every role of roles.yaml, in the order the tables list them.
ROLES = (
    "anonymous",
    "authenticated",
    "editor",
    "reviewer",
    "auditor",
    "site_admin",
    "system_admin",
    "security_admin",
    "audit_admin",
)

#: 三员分立 as reviewed: each administrator's duty (roles.yaml ``duties``).
#: These permissions are granted to their owner only and never by ``[ALL]``.
DUTIES = {
    "system_admin": sorted(
        [
            "manage_accounts",
            "sdi.view",
            "sdi.edit-properties",
            "sdi.add-content",
            "sdi.manage-contents",
            "sdi.manage-workflow",
            "sdi.view-services",
            "sdi.change-acls",
            "sdi.lock",
            "sdi.view-auditlog",
            "sdi.change-password",
            "sdi.manage-catalog",
            "sdi.undo",
            "sdi.add-services",
            "sdi.manage-references",
            "sdi.manage-database",
            "sdi.add-user",
            "sdi.add-group",
        ]
    ),
    "security_admin": ["manage_roles", "manage_security"],
    "audit_admin": ["export_audit", "view_audit"],
}

#: Duty permissions that the shipped files grant to nobody, not even their
#: owner: site.yaml leaves Substance D's own audit-log tab out of the system
#: administrator's grants (the audit trail is the audit administrator's).
UNGRANTED_DUTY = ["sdi.view-auditlog"]

#: What each administrator holds on the portal and on a department: its duty
#: (less what nobody is granted) and ``view``.
ADMINISTRATOR_GRANTS = {
    role: sorted({"view", *perms} - set(UNGRANTED_DUTY)) for role, perms in DUTIES.items()
}

#: The administrators' logins in the matrix site (created by the fixture).
ADMINISTRATORS = {
    "system_admin": "sysadmin",
    "security_admin": "secadmin",
    "audit_admin": "auditadmin",
}

#: Every permission of roles.yaml, as reviewed.  ``[ALL]`` in a workflow
#: file grants all of these; a permission added to roles.yaml must be added
#: here too (test_definition checks), so that nobody widens ``ALL`` unseen.
EVERY_PERMISSION = sorted(
    [
        "view",
        "edit",
        "add_content",
        "delete",
        "view_history",
        "manage_site",
        "manage_roles",
        "manage_accounts",
        "manage_security",
        "view_audit",
        "export_audit",
        "submit",
        "withdraw",
        "approve",
        "reject",
        "retract",
        "archive",
        "restore",
        "checkout",
        "unschedule",
        "run_schedule",
        "break_lock",
        "view_application",
        "view_applicant",
        "handle_application",
        "approve_extension",
        "annual_report",
        "offer_syndication",
        "review_syndication",
        "view_syndication_stats",
        "view_case",
        "handle_case",
        "co_handle",
        "supplement_case",
        "rectify",
        "supervise",
        "view_letter",
        "view_writer",
        "handle_letter",
        "approve_reply",
        "publish_letter",
        "moderate",
        "view_monitoring",
        "manage_monitoring",
        "manage_api",
        "close_column",
        "reopen_column",
        "sdi.view",
        "sdi.edit-properties",
        "sdi.add-content",
        "sdi.manage-contents",
        "sdi.manage-workflow",
        "sdi.view-services",
        "sdi.change-acls",
        "sdi.lock",
        "sdi.view-auditlog",
        "sdi.change-password",
        "sdi.manage-catalog",
        "sdi.undo",
        "sdi.add-services",
        "sdi.manage-references",
        "sdi.manage-database",
        "sdi.add-user",
        "sdi.add-group",
    ]
)

#: What ``[ALL]`` grants (site_admin): every permission that is no duty's.
ALL_BUT_DUTIES = sorted(set(EVERY_PERMISSION) - {p for ps in DUTIES.values() for p in ps})

#: The user with no group and no role anywhere (created by the fixture).
NOBODY = "nobody"
#: A second reviewer of 教育局 (four eyes needs two), created by the fixture.
SECOND_REVIEWER = "jyj_reviewer2"

#: A comment good enough for every transition that requires one.
COMMENT = "测试意见"


def role_login(role, where):
    """The demo user who plays ``role`` at ``where``.

    ``where`` is a department name (``"jyj"``) or ``""`` for the portal root,
    where the portal groups (门户编辑, 门户审核) hold editor and reviewer.
    """
    if role == "anonymous":
        return None
    if role == "authenticated":
        return NOBODY
    if role in ("editor", "reviewer"):
        return f"{where}_{role}" if where else f"portal_{role}"
    if role in ADMINISTRATORS:
        return ADMINISTRATORS[role]
    return {"auditor": "auditor", "site_admin": "admin"}[role]


class Site:
    """An open session on a copy of the demo site, with requests per user."""

    def __init__(self, zodb_root, request):
        self.zodb_root = zodb_root
        self.root = zodb_root["app_root"]
        self.base_request = request
        self.registry = request.registry
        self.vocabulary = self.registry.govportal_vocabulary
        self._requests = {}
        self._counter = 0

    # -- principals -------------------------------------------------------
    @property
    def users(self):
        return self.root["principals"]["users"]

    @property
    def groups(self):
        return self.root["principals"]["groups"]

    def add_user(self, login, group_names=()):
        """Create a user (in ``group_names``) unless it exists."""
        if login not in self.users:
            user = self.root["principals"].add_user(
                login, PASSWORD, f"{login}@localhost", registry=self.registry
            )
            for name in group_names:
                self.groups[name].memberids.connect([user])
        return self.users[login]

    def add_administrators(self):
        """Create the 三员 (one user per duty role, granted at the portal
        root as ``govportal-init`` grants them) unless they exist."""
        from govportal.security.localroles import grant_roles

        for role, login in ADMINISTRATORS.items():
            if login not in self.users:
                user = self.add_user(login)
                grant_roles(self.root, get_oid(user), role)

    def oid(self, login):
        return get_oid(self.users[login])

    def request(self, login=None):
        """A request signed in as ``login`` (a real auth cookie); anonymous for None."""
        if login not in self._requests:
            if login is None:
                request = Request.blank("/")
                request.registry = self.registry
                apply_request_extensions(request)
                request._primary_zodb_conn = self.base_request._primary_zodb_conn
                request.root = request.context = self.root
            else:
                request = request_as(self.base_request, self.oid(login))
                assert request.authenticated_userid == self.oid(login), login
            self._requests[login] = request
        return self._requests[login]

    def roles_on(self, request, item):
        """The local roles ``request``'s principals hold on ``item``."""
        return effective_roles(item, request.effective_principals, self.vocabulary.global_roles)

    # -- content ----------------------------------------------------------
    def place(self, where):
        """The department ``where``, or the portal root for ``""``."""
        return self.root[where] if where else self.root

    def new(self, content_type, container, prefix="item", **kw):
        """Add a new ``content_type`` to ``container`` under a fresh name."""
        self._counter += 1
        name = f"{prefix}-{self._counter}"
        container[name] = self.registry.content.create(content_type, **kw)
        return container[name]

    def new_document(self, container, title="测试稿件", last_editor=None, **kw):
        """A document added to ``container`` (initialised in ``draft``)."""
        doc = self.new("Document", container, prefix="doc", title=title, **kw)
        if last_editor is not None:
            set_last_editor(doc, self.oid(last_editor))
        return doc

    def workflow(self, item):
        return get_workflow(item, self.registry)

    def state(self, item):
        return self.workflow(item).state_of(item)

    def put_in_state(self, item, state):
        """Put ``item`` in ``state`` the way a transition would (ACL included)."""
        workflow = self.workflow(item)
        workflow._set_state(item, state, self.base_request)
        assert workflow.state_of(item) == state
        assert get_acl(item) == workflow._states[state]["acl"]
        return item

    def items_in_states(self, make, states):
        """``{state: item}``: a new item from ``make()`` put in each state."""
        return {state: self.put_in_state(make(), state) for state in states}


# -- tables -------------------------------------------------------------------


def role_players(where, roles=ROLES):
    """``{role: login}``: who plays each role at ``where`` (see :func:`role_login`)."""
    return {role: role_login(role, where) for role in roles}


def granted_permissions(request, item, permissions=EVERY_PERMISSION):
    """Sorted permissions among ``permissions`` that ``request`` holds on ``item``."""
    return sorted(p for p in permissions if request.has_permission(p, item))


def permission_table(site, items_by_state, players):
    """``{label: {state: [permissions]}}`` for ``players`` (label -> login)."""
    return {
        label: {
            state: granted_permissions(site.request(login), item)
            for state, item in items_by_state.items()
        }
        for label, login in players.items()
    }


def check_role_players(site, items_by_state, where, roles=ROLES):
    """Each role player holds exactly its own role on the items (and nothing
    else), so the tables really measure the roles they are labelled with."""
    problems = []
    for role, login in role_players(where, roles).items():
        signed_in = Authenticated in site.request(login).effective_principals
        if signed_in != (role != "anonymous"):
            problems.append(f"{login}: signed in is {signed_in}")
        want = set() if role in ("anonymous", "authenticated") else {role}
        for state, item in items_by_state.items():
            got = site.roles_on(site.request(login), item)
            if got != want:
                problems.append(f"{login} @ {state}: roles {sorted(got)}, not {sorted(want)}")
    assert not problems, "role players hold unexpected roles:\n" + "\n".join(problems)


def transition_table(site, items_by_state, players, comment=COMMENT):
    """``{label: {state: [transitions that workflow.problems() allows]}}``.

    Also checks, for every player × state × transition, that
    ``workflow.transition`` agrees with ``problems``: an allowed transition
    runs (moving the item to its target state, setting that state's ACL and
    writing one history record), a refused one raises
    :class:`TransitionRefused` with the same status and changes nothing.
    Every change is rolled back (savepoint).  A transition that does not
    start from the item's state must be refused with 409, whoever asks.
    """
    table = {}
    disagreements = []
    for label, login in players.items():
        request = site.request(login)
        table[label] = {}
        for state, item in items_by_state.items():
            workflow = site.workflow(item)
            allowed = []
            for name, tdef in sorted(workflow.definition.transitions.items()):
                status, _messages = workflow.problems(item, request, name, comment)
                where = f"{label} @ {state}: {name}"
                if tdef.from_state != state and status != 409:
                    disagreements.append(f"{where}: wrong state answered {status}, not 409")
                if status == 200:
                    allowed.append(name)
                outcome = _try_transition(workflow, item, request, name, comment)
                if outcome != (status, tdef.to_state if status == 200 else state):
                    disagreements.append(
                        f"{where}: problems() says {status}, transition() gives {outcome}"
                    )
            table[label][state] = allowed
    assert not disagreements, "problems() and transition() disagree:\n" + "\n".join(disagreements)
    return table


def _try_transition(workflow, item, request, name, comment):
    """(status, state after) of running the transition; always rolled back."""
    before = (workflow.state_of(item), len(get_history(item)), get_acl(item))
    savepoint = transaction.savepoint()
    try:
        record = workflow.transition(item, request, name, comment=comment)
    except TransitionRefused as e:
        after = (workflow.state_of(item), len(get_history(item)), get_acl(item))
        outcome = (e.status if after == before else "changed despite refusal", after[0])
    else:
        history = get_history(item)
        ok = len(history) == before[1] + 1 and history[-1] is record
        ok = ok and get_acl(item) == workflow._states[record.to_state]["acl"]
        outcome = (200 if ok else "history or ACL not written", workflow.state_of(item))
    savepoint.rollback()
    restored = (workflow.state_of(item), len(get_history(item)), get_acl(item))
    assert restored == before, f"rolling back {name} did not restore the item"
    return outcome


def table_diff(expected, actual):
    """One line per difference: ``role @ state: granted but not expected: ...``."""
    lines = []
    for role in sorted(set(expected) | set(actual), key=_role_order):
        exp_states = expected.get(role, {})
        act_states = actual.get(role, {})
        if role not in actual or role not in expected:
            lines.append(f"{role}: {'missing from ACTUAL' if role in expected else 'not EXPECTED'}")
            continue
        for state in list(dict.fromkeys([*exp_states, *act_states])):
            if state not in act_states or state not in exp_states:
                where = "ACTUAL" if state in exp_states else "EXPECTED"
                lines.append(f"{role} @ {state}: state missing from {where}")
                continue
            want, got = set(exp_states[state]), set(act_states[state])
            if want != got or list(exp_states[state]) != sorted(want):
                extra, missing = sorted(got - want), sorted(want - got)
                parts = []
                if extra:
                    parts.append("granted but not expected: " + ", ".join(extra))
                if missing:
                    parts.append("expected but not granted: " + ", ".join(missing))
                if not parts:
                    parts.append("EXPECTED list is not sorted or has duplicates")
                lines.append(f"{role} @ {state}: " + "; ".join(parts))
    return lines


def assert_tables_equal(expected, actual, what):
    lines = table_diff(expected, actual)
    assert not lines, f"{what} differs from EXPECTED:\n  " + "\n  ".join(lines)


def _role_order(label):
    return (ROLES.index(label), "") if label in ROLES else (len(ROLES), label)
