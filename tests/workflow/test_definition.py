"""Start-up checks of the workflow files: a broken file stops the application.

Each case copies the shipped ``workflows/`` directory, breaks one thing and
expects the same refusal three ways: the loaders raise
:class:`DefinitionError` naming the file and the problem, building the app
raises :class:`ConfigurationError` naming the file, and
``govportal-check-workflows`` exits 1 naming it.
"""

import shutil

import pytest
from pyramid.exceptions import ConfigurationError
from pyramid.security import Authenticated, Everyone

from govportal import main
from govportal.scripts import check_workflows
from govportal.security.vocabulary import DefinitionError, load_vocabulary
from govportal.settings import SOURCE_ROOT
from govportal.workflow.definition import load_directory
from tests.conftest import close_app, make_settings

from .matrix import ALL_BUT_DUTIES, DUTIES, EVERY_PERMISSION

SHIPPED = SOURCE_ROOT / "workflows"


def load_all(directory):
    """What start-up and the check script load: the vocabulary, then the workflows."""
    vocabulary = load_vocabulary(directory / "roles.yaml")
    guards = check_workflows.registered_guard_names()
    workflows, bindings = load_directory(directory, vocabulary, guards)
    return vocabulary, workflows, bindings


def build_app(tmp_path, workflows_dir):
    settings = make_settings(
        tmp_path / "db",
        **{"zodbconn.uri": "memory://", "govportal.workflows_dir": str(workflows_dir)},
    )
    app = main({}, **settings)
    close_app(app)
    return app


# -- the shipped files -----------------------------------------------------------


def test_shipped_files_load_cleanly():
    vocabulary, workflows, bindings = load_all(SHIPPED)
    assert sorted(workflows) == [
        "application",
        "casetask",
        "column",
        "contribution",
        "document",
        "guide",
        "letter",
        "participation",
        "servicecase",
        "site",
        "specialtopic",
        "syndication",
        "workingcopy",
    ]
    assert bindings == {
        "Root": "site",
        "Department": "site",
        "Column": "column",
        "Document": "document",
        "WorkingCopy": "workingcopy",
        "Application": "application",
        "ServiceGuide": "guide",
        "PowerItem": "guide",
        "ServiceCase": "servicecase",
        "CaseTask": "casetask",
        "Letter": "letter",
        "Consultation": "participation",
        "AdoptionReport": "participation",
        "Survey": "participation",
        "Interview": "participation",
        "KnowledgeEntry": "participation",
        "Contribution": "contribution",
        "SpecialTopic": "specialtopic",
    }
    document = workflows["document"]
    assert document.initial == "draft"
    assert sorted(document.states) == ["archived", "draft", "published", "review", "scheduled"]
    assert {t.name: (t.from_state, t.to_state) for t in document.transitions.values()} == {
        "submit": ("draft", "review"),
        "approve": ("review", "published"),
        "reject": ("review", "draft"),
        "withdraw": ("review", "draft"),
        "retract": ("published", "draft"),
        "archive": ("published", "archived"),
        "restore": ("archived", "published"),
        "schedule": ("review", "scheduled"),
        "unschedule": ("scheduled", "review"),
        "publish_due": ("scheduled", "published"),
        "expire": ("published", "archived"),
    }
    # every step is held by editing locks; the reviewed ones by four eyes and
    # the pre-publication checks; the scheduler's by its own guards
    assert {t.name: t.guards for t in document.transitions.values()} == {
        "submit": ("unlocked",),
        "approve": (
            "unlocked",
            "four_eyes",
            "prepublication",
            "effective_now",
            "before_expiry",
        ),
        "reject": ("unlocked",),
        # the author only: creator, last editor or submitter (workspace.withdraw)
        "withdraw": ("unlocked", "own_submission"),
        "retract": ("unlocked",),
        "archive": ("unlocked",),
        "restore": ("unlocked", "four_eyes", "prepublication"),
        "schedule": (
            "unlocked",
            "four_eyes",
            "prepublication",
            "effective_future",
            "before_expiry",
        ),
        "unschedule": ("unlocked",),
        "publish_due": ("scheduler_only", "effective_reached", "unlocked"),
        "expire": ("scheduler_only", "expiry_reached", "unlocked"),
    }
    assert sorted(t.name for t in document.transitions.values() if t.comment_required) == [
        "reject",
        "retract",
        "unschedule",
    ]


def test_check_workflows_script_accepts_the_shipped_files(capsys):
    assert check_workflows.main([str(SHIPPED)]) == 0
    out = capsys.readouterr().out
    assert "document: 5 states, 11 transitions" in out
    assert "column: 2 states, 2 transitions" in out
    assert "site: 1 states, 0 transitions" in out
    assert "Document -> document" in out


def test_vocabulary_is_the_reviewed_one():
    """Roles and their reach as reviewed; a new permission must be added to
    the matrix tests' EVERY_PERMISSION (``[ALL]`` grants it silently)."""
    vocabulary = load_vocabulary(SHIPPED / "roles.yaml")
    roles = {r.name: (r.principal, r.is_global) for r in vocabulary.roles.values()}
    assert roles == {
        "anonymous": (Everyone, False),
        "authenticated": (Authenticated, False),
        "editor": (None, False),
        "reviewer": (None, False),
        "site_admin": (None, True),
        "auditor": (None, True),
        "system_admin": (None, True),
        "security_admin": (None, True),
        "audit_admin": (None, True),
        "system": (None, True),
        "co_handler": (None, False),
        "supervisor": (None, True),
    }
    assert sorted(vocabulary.permissions) == EVERY_PERMISSION
    assert {role: sorted(perms) for role, perms in vocabulary.duties.items()} == DUTIES


# -- 三员分立: duties --------------------------------------------------------------


def test_all_excludes_every_duty():
    """``[ALL]`` grants every permission that is no administrator's duty, in
    the vocabulary and in the shipped files (site_admin on sites and columns)."""
    vocabulary, workflows, _bindings = load_all(SHIPPED)
    assert sorted(vocabulary.permission_set(["ALL"], "test")) == ALL_BUT_DUTIES
    assert sorted(vocabulary.permission_set("ALL", "test")) == ALL_BUT_DUTIES
    for name in ("site", "column"):
        for state in workflows[name].states.values():
            assert sorted(state.permissions["site_admin"]) == ALL_BUT_DUTIES, (name, state.name)


def test_duty_permissions_are_held_by_their_owner_only_in_the_shipped_files():
    """No state of any shipped workflow grants a duty permission to any role
    but its owner (the loader would refuse it; this shows what it accepts)."""
    vocabulary, workflows, _bindings = load_all(SHIPPED)
    for workflow in workflows.values():
        for state in workflow.states.values():
            for role, permissions in state.permissions.items():
                for permission in permissions:
                    owner = vocabulary.duty_of(permission)
                    assert owner in (None, role), (workflow.name, state.name, role, permission)


def test_vocabulary_refuses_a_duty_permission_for_another_role():
    vocabulary = load_vocabulary(SHIPPED / "roles.yaml")
    with pytest.raises(DefinitionError) as info:
        vocabulary.permission_set(["view", "manage_roles"], "state x, role editor", "editor")
    assert "manage_roles" in info.value.problem and "三员分立" in info.value.problem
    assert vocabulary.permission_set(["manage_roles"], "x", "security_admin") == ("manage_roles",)
    # a duty owner may not take another owner's duty either
    with pytest.raises(DefinitionError):
        vocabulary.permission_set(["view_audit"], "x", "system_admin")


# -- broken files -------------------------------------------------------------------


def replace(name, old, new):
    """A breakage: replace ``old`` (which must occur once) by ``new`` in ``name``."""

    def apply(directory):
        path = directory / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur exactly once in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return apply


def append(name, text):
    def apply(directory):
        path = directory / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return apply


def overwrite(name, text):
    def apply(directory):
        (directory / name).write_text(text, encoding="utf-8")

    return apply


def delete(name):
    def apply(directory):
        (directory / name).unlink()

    return apply


#: id -> (breakage, the file that must be named, the problem that must be named)
BROKEN = {
    "transition-to-unknown-state": (
        replace("document.yaml", "to: archived\n", "to: achived\n"),
        "document.yaml",
        "transition archive: unknown state 'achived'",
    ),
    "transition-from-unknown-state": (
        replace("column.yaml", "from: closed\n", "from: shut\n"),
        "column.yaml",
        "transition reopen: unknown state 'shut'",
    ),
    "unknown-initial-state": (
        replace("document.yaml", "initial: draft\n", "initial: new\n"),
        "document.yaml",
        "initial state 'new' is not a defined state",
    ),
    "unreachable-state": (
        # schedule now leads back to review: nothing reaches `scheduled`
        replace("document.yaml", "to: scheduled\n", "to: review\n"),
        "document.yaml",
        "unreachable state(s): scheduled",
    ),
    "duplicate-transition-name": (
        append(
            "document.yaml",
            "  submit:\n    title: 再次送审\n    from: review\n    to: review\n"
            "    permission: submit\n",
        ),
        "document.yaml",
        "duplicate key 'submit'",
    ),
    "duplicate-state-name": (
        replace(
            "column.yaml",
            "  closed:\n",
            "  open:\n    title: x\n    inherit: true\n    permissions: {}\n  closed:\n",
        ),
        "column.yaml",
        "duplicate key 'open'",
    ),
    "unknown-permission-in-state": (
        replace("column.yaml", "editor: [view]\n", "editor: [view, publish]\n"),
        "column.yaml",
        "state closed, role editor: unknown permission(s) publish",
    ),
    "permissions-not-a-list": (
        replace("site.yaml", "anonymous: [view]", "anonymous: view"),
        "site.yaml",
        "state online, role anonymous: permissions must be a list",
    ),
    "unknown-permission-guarding-transition": (
        replace("document.yaml", "permission: retract\n", "permission: unpublish\n"),
        "document.yaml",
        "transition retract: unknown permission 'unpublish'",
    ),
    "unknown-role": (
        replace("site.yaml", "  reviewer: [view,", "  reveiwer: [view,"),
        "site.yaml",
        "state online: unknown role 'reveiwer'",
    ),
    "unknown-guard-name": (
        replace(
            "document.yaml",
            "permission: restore\n    guards: [unlocked, four_eyes",
            "permission: restore\n    guards: [unlocked, four_ayes",
        ),
        "document.yaml",
        "transition restore: unknown guard 'four_ayes'",
    ),
    "invalid-comment-mode": (
        replace(
            "document.yaml",
            "permission: reject\n    comment: required",
            "permission: reject\n    comment: mandatory",
        ),
        "document.yaml",
        "transition reject: comment must be one of ('none', 'optional', 'required')",
    ),
    "unknown-state-key": (
        replace("document.yaml", "    listed: false\n", "    listd: false\n"),
        "document.yaml",
        "state archived: unknown key(s) listd",
    ),
    "missing-inherit": (
        replace("site.yaml", "    inherit: true\n", ""),
        "site.yaml",
        "state online: missing 'inherit'",
    ),
    "not-yaml": (
        overwrite("column.yaml", "name: column\nstates: [open, closed\n"),
        "column.yaml",
        "not valid YAML",
    ),
    "not-a-mapping": (
        overwrite("column.yaml", "- open\n- closed\n"),
        "column.yaml",
        "the file must hold a mapping",
    ),
    "name-not-matching-file-name": (
        replace("column.yaml", "name: column\n", "name: columns\n"),
        "column.yaml",
        "name 'columns' must match the file name 'column'",
    ),
    "binding-to-unknown-workflow": (
        replace("bindings.yaml", "Document: document", "Document: documents"),
        "bindings.yaml",
        "content type 'Document' is bound to unknown workflow 'documents'",
    ),
    "missing-bindings": (delete("bindings.yaml"), "bindings.yaml", "file not found"),
    "missing-roles": (delete("roles.yaml"), "roles.yaml", "file not found"),
    "roles-not-yaml": (
        append("roles.yaml", "  broken: [\n"),
        "roles.yaml",
        "not valid YAML",
    ),
    "roles-unknown-principal": (
        replace("roles.yaml", "principal: Authenticated}", "principal: LoggedIn}"),
        "roles.yaml",
        "role authenticated: unknown principal 'LoggedIn'",
    ),
    "roles-duplicate-role": (
        # a second `editor` would silently make editors global (all departments)
        replace(
            "roles.yaml",
            "  auditor:       {title: 审计员, global: true, offered: true}\n",
            "  auditor:       {title: 审计员, global: true, offered: true}\n"
            "  editor: {title: 编辑, global: true}\n",
        ),
        "roles.yaml",
        "duplicate key 'editor'",
    ),
    "roles-role-not-a-mapping": (
        replace("roles.yaml", "{title: 审核员, department_group: 审核, offered: true}", "审核员"),
        "roles.yaml",
        "role reviewer: must be a mapping",
    ),
    # 三员分立: a duty permission granted to another role is refused, naming
    # the workflow file that grants it
    "duty-permission-granted-to-editor": (
        replace(
            "document.yaml",
            "editor: [view, edit, delete, view_history, submit]",
            "editor: [view, edit, delete, view_history, submit, manage_roles]",
        ),
        "document.yaml",
        "state draft, role editor: permission(s) manage_roles belong to another "
        "administrator's duty",
    ),
    "duty-permission-granted-to-site-admin": (
        replace(
            "column.yaml",
            "      site_admin: [ALL]\n  closed:",
            "      site_admin: [view, sdi.view]\n  closed:",
        ),
        "column.yaml",
        "state open, role site_admin: permission(s) sdi.view belong to another "
        "administrator's duty",
    ),
    "duty-permission-granted-to-another-administrator": (
        replace(
            "site.yaml",
            "audit_admin: [view, view_audit, export_audit]",
            "audit_admin: [view, view_audit, export_audit, manage_security]",
        ),
        "site.yaml",
        "state online, role audit_admin: permission(s) manage_security belong to another "
        "administrator's duty",
    ),
    "duty-of-unknown-role": (
        replace(
            "roles.yaml",
            "  audit_admin: [view_audit, export_audit]",
            "  audit_admn: [view_audit, export_audit]",
        ),
        "roles.yaml",
        "duties: unknown role 'audit_admn'",
    ),
    "duty-with-unknown-permission": (
        replace(
            "roles.yaml",
            "  audit_admin: [view_audit, export_audit]",
            "  audit_admin: [view_audit, export_audits]",
        ),
        "roles.yaml",
        "duties: audit_admin: unknown permission 'export_audits'",
    ),
    "duty-permission-in-two-duties": (
        replace(
            "roles.yaml",
            "  audit_admin: [view_audit, export_audit]",
            "  audit_admin: [view_audit, export_audit, manage_roles]",
        ),
        "roles.yaml",
        "duties: permission manage_roles is in the duties of security_admin and audit_admin",
    ),
    "duty-of-a-role-that-is-not-global": (
        replace(
            "roles.yaml", "duties:\n  system_admin:", "duties:\n  editor: [view]\n  system_admin:"
        ),
        "roles.yaml",
        "duties: role editor must be a global local role",
    ),
    "roles-unknown-role-key": (
        # a misspelt `global` would silently confine the auditor
        replace(
            "roles.yaml",
            "{title: 审计员, global: true, offered: true}",
            "{title: 审计员, globl: true, offered: true}",
        ),
        "roles.yaml",
        "role auditor: unknown key(s) globl",
    ),
}


@pytest.fixture(params=sorted(BROKEN))
def broken(request, tmp_path):
    """(directory with one broken file, path of that file, problem)."""
    breakage, name, problem = BROKEN[request.param]
    directory = tmp_path / "workflows"
    shutil.copytree(SHIPPED, directory)
    breakage(directory)
    return directory, directory / name, problem


def test_loaders_refuse_broken_file(broken):
    directory, path, problem = broken
    with pytest.raises(DefinitionError) as info:
        load_all(directory)
    error = info.value
    assert error.path == str(path)
    assert problem in error.problem
    assert str(error).startswith(f"{path}: ")


def test_app_refuses_to_start_with_broken_file(broken, tmp_path):
    directory, path, problem = broken
    with pytest.raises(ConfigurationError) as info:
        build_app(tmp_path, directory)
    assert f"{path}: " in str(info.value)
    assert problem in str(info.value)


def test_check_script_refuses_broken_file(broken, capsys):
    directory, path, problem = broken
    assert check_workflows.main([str(directory)]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and problem in err


def test_app_refuses_binding_to_unknown_content_type(tmp_path):
    """Content types are only known once the app is configured, so only
    start-up can catch this one; it must still name bindings.yaml."""
    directory = tmp_path / "workflows"
    shutil.copytree(SHIPPED, directory)
    replace("bindings.yaml", "Column: column", "Colum: column")(directory)
    load_all(directory)  # the files themselves are consistent
    with pytest.raises(ConfigurationError) as info:
        build_app(tmp_path, directory)
    message = str(info.value)
    assert f"{directory / 'bindings.yaml'}: " in message
    assert "unknown content type 'Colum'" in message


def test_app_starts_with_a_copy_of_the_shipped_files(tmp_path):
    directory = tmp_path / "workflows"
    shutil.copytree(SHIPPED, directory)
    app = build_app(tmp_path, directory)
    assert sorted(app.registry.govportal_workflows) == [
        "application",
        "casetask",
        "column",
        "contribution",
        "document",
        "guide",
        "letter",
        "participation",
        "servicecase",
        "site",
        "specialtopic",
        "syndication",
        "workingcopy",
    ]
