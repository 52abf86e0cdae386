"""Parse and check workflow definition files (``workflows/*.yaml``).

A definition file describes one workflow: its states (Chinese title, whether
the folder's ACL is inherited, and a role → permissions map) and its
transitions (from, to, the permission that guards it, whether a comment is
required, and named guards).  ``bindings.yaml`` binds content types to
workflows.  Any problem raises :class:`DefinitionError` naming the file.
"""

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..security.vocabulary import DefinitionError, Vocabulary, duplicate_key_loader
from .guards import BUILTIN_GUARDS

BINDINGS_FILE = "bindings.yaml"
NON_WORKFLOW_FILES = {BINDINGS_FILE, "roles.yaml"}
COMMENT_MODES = ("none", "optional", "required")

_STATE_KEYS = {"title", "inherit", "permissions", "public", "listed", "description", "clock"}
#: What a time limit does in a state (`clock:`): not started, counting, paused, over.
CLOCK_MODES = ("none", "running", "paused", "closed")
_TRANSITION_KEYS = {"title", "from", "to", "permission", "comment", "guards", "description"}


@dataclass
class StateDef:
    name: str
    title: str
    inherit: bool
    permissions: dict  # role name -> tuple of permissions (or ALL_PERMISSIONS)
    public: bool = False  # anonymous visitors may see items in this state
    listed: bool = True  # public items in this state appear in listings
    clock: str = "none"  # what an item's time limit does in this state (CLOCK_MODES)


@dataclass
class TransitionDef:
    name: str
    title: str
    from_state: str
    to_state: str
    permission: str
    comment: str = "optional"
    guards: tuple = ()

    @property
    def comment_required(self):
        return self.comment == "required"


@dataclass
class WorkflowDefinition:
    name: str
    title: str
    path: str
    initial: str
    description: str = ""
    states: dict = field(default_factory=dict)
    transitions: dict = field(default_factory=dict)


def _read_yaml(path):
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = yaml.load(text, Loader=duplicate_key_loader())  # noqa: S506
    except FileNotFoundError:
        raise DefinitionError(path, "file not found") from None
    except yaml.YAMLError as e:
        raise DefinitionError(path, f"not valid YAML: {e}") from None
    if not isinstance(data, dict):
        raise DefinitionError(path, "the file must hold a mapping")
    return data


def _require(path, mapping, key, kind, where):
    if key not in mapping:
        raise DefinitionError(path, f"{where}: missing '{key}'")
    value = mapping[key]
    if not isinstance(value, kind):
        raise DefinitionError(path, f"{where}: '{key}' has the wrong type")
    return value


def _unknown_keys(path, mapping, allowed, where):
    extra = set(mapping) - allowed
    if extra:
        raise DefinitionError(path, f"{where}: unknown key(s) {', '.join(sorted(extra))}")


def parse_workflow(path, vocabulary: Vocabulary, guard_names=tuple(BUILTIN_GUARDS)):
    """Read the workflow file at ``path`` and check it against ``vocabulary``."""
    path = Path(path)
    data = _read_yaml(path)
    _unknown_keys(
        path, data, {"name", "title", "description", "initial", "states", "transitions"}, "file"
    )
    name = _require(path, data, "name", str, "file")
    if name != path.stem:
        raise DefinitionError(path, f"name {name!r} must match the file name {path.stem!r}")
    wf = WorkflowDefinition(
        name=name,
        title=str(_require(path, data, "title", str, "file")),
        description=str(data.get("description", "")),
        path=str(path),
        initial=_require(path, data, "initial", str, "file"),
    )
    states = _require(path, data, "states", dict, "file")
    if not states:
        raise DefinitionError(path, "no states defined")
    for sname, spec in states.items():
        where = f"state {sname}"
        if not isinstance(spec, dict):
            raise DefinitionError(path, f"{where}: must be a mapping")
        _unknown_keys(path, spec, _STATE_KEYS, where)
        perms = _require(path, spec, "permissions", dict, where)
        resolved = {}
        for role, names in perms.items():
            if role not in vocabulary.roles:
                raise DefinitionError(path, f"{where}: unknown role {role!r}")
            try:
                resolved[role] = vocabulary.permission_set(names, f"{where}, role {role}", role)
            except DefinitionError as e:  # raised naming roles.yaml: name this file
                raise DefinitionError(path, e.problem) from None
        clock = spec.get("clock", "none")
        if clock not in CLOCK_MODES:
            raise DefinitionError(path, f"{where}: clock must be one of {CLOCK_MODES}")
        wf.states[sname] = StateDef(
            name=sname,
            title=str(_require(path, spec, "title", str, where)),
            inherit=bool(_require(path, spec, "inherit", bool, where)),
            permissions=resolved,
            public=bool(spec.get("public", False)),
            listed=bool(spec.get("listed", True)),
            clock=clock,
        )
    if wf.initial not in wf.states:
        raise DefinitionError(path, f"initial state {wf.initial!r} is not a defined state")
    transitions = data.get("transitions") or {}
    if not isinstance(transitions, dict):
        raise DefinitionError(path, "'transitions' must be a mapping")
    for tname, spec in transitions.items():
        where = f"transition {tname}"
        if not isinstance(spec, dict):
            raise DefinitionError(path, f"{where}: must be a mapping")
        _unknown_keys(path, spec, _TRANSITION_KEYS, where)
        src = _require(path, spec, "from", str, where)
        dst = _require(path, spec, "to", str, where)
        for end in (src, dst):
            if end not in wf.states:
                raise DefinitionError(path, f"{where}: unknown state {end!r}")
        permission = _require(path, spec, "permission", str, where)
        if permission not in vocabulary.permissions:
            raise DefinitionError(path, f"{where}: unknown permission {permission!r}")
        comment = spec.get("comment", "optional")
        if comment not in COMMENT_MODES:
            raise DefinitionError(path, f"{where}: comment must be one of {COMMENT_MODES}")
        guards = spec.get("guards", []) or []
        if not isinstance(guards, list):
            raise DefinitionError(path, f"{where}: guards must be a list")
        for guard in guards:
            if guard_names is not None and guard not in guard_names:
                raise DefinitionError(path, f"{where}: unknown guard {guard!r}")
        wf.transitions[tname] = TransitionDef(
            name=tname,
            title=str(_require(path, spec, "title", str, where)),
            from_state=src,
            to_state=dst,
            permission=permission,
            comment=comment,
            guards=tuple(guards),
        )
    unreachable = set(wf.states) - _reachable(wf)
    if unreachable:
        raise DefinitionError(path, f"unreachable state(s): {', '.join(sorted(unreachable))}")
    return wf


def _reachable(wf):
    seen = {wf.initial}
    queue = deque([wf.initial])
    while queue:
        state = queue.popleft()
        for t in wf.transitions.values():
            if t.from_state == state and t.to_state not in seen:
                seen.add(t.to_state)
                queue.append(t.to_state)
    return seen


def parse_bindings(path, workflow_names):
    """Read ``bindings.yaml``: content type name → workflow name."""
    data = _read_yaml(path)
    bindings = data.get("bindings")
    if not isinstance(bindings, dict) or not bindings:
        raise DefinitionError(path, "must define a non-empty 'bindings' mapping")
    for content_type, wf_name in bindings.items():
        if wf_name not in workflow_names:
            raise DefinitionError(
                path, f"content type {content_type!r} is bound to unknown workflow {wf_name!r}"
            )
    return dict(bindings)


def load_directory(directory, vocabulary, guard_names=tuple(BUILTIN_GUARDS)):
    """Load every workflow in ``directory`` and its bindings.

    Returns ``(workflows, bindings)`` where ``workflows`` maps names to
    :class:`WorkflowDefinition`.
    """
    directory = Path(directory)
    workflows = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name in NON_WORKFLOW_FILES:
            continue
        wf = parse_workflow(path, vocabulary, guard_names)
        workflows[wf.name] = wf
    if not workflows:
        raise DefinitionError(directory, "no workflow files found")
    bindings = parse_bindings(directory / BINDINGS_FILE, workflows)
    return workflows, bindings
