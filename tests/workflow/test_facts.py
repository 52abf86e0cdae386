"""govportal.workflow.facts: the workflow files asked by meaning.

The facts are read from definitions loaded from a directory, so a copy of
``workflows/`` with renamed states and roles gives renamed answers.
"""

import re
import shutil
from types import SimpleNamespace

import pytest

from govportal.security.vocabulary import load_vocabulary
from govportal.settings import SOURCE_ROOT
from govportal.workflow import facts
from govportal.workflow.definition import load_directory

SHIPPED = SOURCE_ROOT / "workflows"


def registry_for(directory):
    vocabulary = load_vocabulary(directory / "roles.yaml")
    definitions, bindings = load_directory(directory, vocabulary, guard_names=None)
    return SimpleNamespace(
        govportal_vocabulary=vocabulary,
        govportal_workflow_definitions=definitions,
        govportal_workflow_bindings=bindings,
    )


def renamed_copy(tmp_path, renames):
    """A copy of the shipped workflows with whole words renamed in every file."""
    target = tmp_path / "workflows"
    shutil.copytree(SHIPPED, target)
    for path in target.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for old, new in renames.items():
            text = re.sub(rf"\b{old}\b", new, text)
        path.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def shipped():
    return registry_for(SHIPPED)


def test_document_states(shipped):
    assert facts.initial_state(shipped) == "draft"
    assert facts.public_states(shipped) == ("published", "archived")
    assert facts.listed_states(shipped) == ("published",)
    assert facts.all_states(shipped) == ("draft", "review", "scheduled", "published", "archived")
    titles = facts.state_titles(shipped)
    assert list(titles) == list(facts.all_states(shipped))
    assert titles["review"] == "待审核"
    assert facts.state_title(shipped, "published") == "已发布"
    assert facts.state_title(shipped, "nowhere") == "nowhere"
    with pytest.raises(TypeError):
        titles["draft"] = "x"  # read-only: callers share the cached mapping


def test_permissions(shipped):
    assert facts.states_granting(shipped, "approve") == ("review",)
    assert facts.states_granting(shipped, "submit", role="reviewer") == ()
    assert facts.states_granting(shipped, "view", role="anonymous") == ("published", "archived")
    assert facts.roles_granted(shipped, "approve", "Document") == ("reviewer",)
    assert facts.roles_granted(shipped, "submit", "Document") == ("editor",)
    assert "editor" in facts.roles_granted(shipped, "add_content", "Column")
    # any workflow: the application handlers and the document reviewers
    assert "reviewer" in facts.roles_granted(shipped, "approve")


def test_publication(shipped):
    assert facts.is_publication(shipped, "Document", "published")
    assert facts.is_publication(shipped, "Document", "published", "archived")  # restore
    assert not facts.is_publication(shipped, "Document", "archived", "published")
    assert not facts.is_publication(shipped, "Document", "review", "draft")
    assert not facts.is_publication(shipped, "Unbound", "published")
    # a working copy is never public: its approval publishes nothing by itself
    assert not facts.is_publication(shipped, "WorkingCopy", "merged")


def test_guarded_transitions(shipped):
    due = facts.transitions_guarded_by(shipped, "effective_reached")
    assert [(t.name, t.from_state) for t in due] == [("publish_due", "scheduled")]
    expire = facts.transitions_guarded_by(shipped, "expiry_reached")
    assert [(t.name, t.from_state) for t in expire] == [("expire", "published")]
    assert set(facts.transitions_into(shipped, ["published"])) == {
        "approve",
        "restore",
        "publish_due",
    }


def test_unbound_type_names_it(shipped):
    with pytest.raises(KeyError, match="Nothing"):
        facts.definition(shipped, "Nothing")


def test_renamed_files_give_renamed_answers(tmp_path):
    reg = registry_for(
        renamed_copy(
            tmp_path, {"published": "released", "reviewer": "checker", "review": "vetting"}
        )
    )
    assert facts.listed_states(reg) == ("released",)
    assert facts.public_states(reg) == ("released", "archived")
    assert facts.states_granting(reg, "approve") == ("vetting",)
    assert facts.roles_granted(reg, "approve", "Document") == ("checker",)
    assert facts.is_publication(reg, "Document", "released")
    assert [t.from_state for t in facts.transitions_guarded_by(reg, "expiry_reached")] == [
        "released"
    ]


def test_cached_per_registry(shipped, tmp_path):
    first = facts.listed_states(shipped)
    assert facts.listed_states(shipped) is first
    other = registry_for(renamed_copy(tmp_path, {"published": "live"}))
    assert facts.listed_states(other) == ("live",)
    assert facts.listed_states(shipped) == ("published",)


def test_publishes_reads_the_record(shipped):
    def record(workflow, from_state, to_state):
        return SimpleNamespace(workflow=workflow, from_state=from_state, to_state=to_state)

    assert facts.publishes(shipped, record("document", "review", "published"))
    assert facts.publishes(shipped, record("document", "scheduled", "published"))
    assert facts.publishes(shipped, record("document", "archived", "published"))
    assert not facts.publishes(shipped, record("document", "published", "archived"))
    assert not facts.publishes(shipped, record("workingcopy", "review", "merged"))
    assert not facts.publishes(shipped, record("", "review", "published"))


def test_visitor_states(shipped, tmp_path):
    assert facts.visitor_roles(shipped) == ("anonymous",)
    assert facts.visitor_states(shipped, "Column") == ("open",)
    assert facts.visitor_states(shipped) == ("published", "archived")
    reg = registry_for(renamed_copy(tmp_path, {"anonymous": "visitor", "open": "active"}))
    assert facts.visitor_roles(reg) == ("visitor",)
    assert facts.visitor_states(reg, "Column") == ("active",)


def test_role_keys_of_roles_yaml(shipped):
    vocabulary = shipped.govportal_vocabulary
    assert vocabulary.department_group_roles == {"editor": "编辑", "reviewer": "审核"}
    assert vocabulary.offered_roles == ("editor", "reviewer", "site_admin", "auditor", "supervisor")


@pytest.mark.parametrize(
    "line, problem",
    [
        ("  auditor:       {title: 审计员, global: true, department_group: 审计}", "local role"),
        ("  anonymous:     {title: 访客, principal: Everyone, offered: true}", "built-in"),
        ("  audit_admin:    {title: 审计管理员, global: true, offered: true}", "duty role"),
    ],
)
def test_role_keys_are_checked(tmp_path, line, problem):
    from govportal.security.vocabulary import DefinitionError

    target = tmp_path / "workflows"
    shutil.copytree(SHIPPED, target)
    path = target / "roles.yaml"
    name = line.split(":")[0]
    text = re.sub(rf"(?m)^{re.escape(name)}:.*$", line, path.read_text(encoding="utf-8"), count=1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError, match=problem):
        load_vocabulary(path)


def test_states_reached_by(shipped):
    assert facts.states_reached_by(shipped, "approve", "WorkingCopy") == ("merged",)
    assert facts.states_reached_by(shipped, "delete", "WorkingCopy") == ("discarded",)
    assert facts.states_reached_by(shipped, "approve") == ("published", "scheduled")


def test_the_role_that_manages_sites(shipped):
    # govportal-init grants it to the 站点管理员 group (admins)
    assert facts.roles_granted(shipped, "manage_site", "Root") == ("site_admin",)
