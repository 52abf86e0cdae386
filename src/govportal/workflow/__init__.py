"""Workflows as data: load ``workflows/*.yaml`` into Substance D workflows.

``includeme`` parses every definition file (a malformed or inconsistent one
stops start-up with a :class:`~pyramid.exceptions.ConfigurationError` naming
the file), builds a :class:`~govportal.workflow.engine.DefinedWorkflow` for
each and registers it with Substance D's ``config.add_workflow`` for the
content types that ``bindings.yaml`` names.
"""

from pathlib import Path

from pyramid.exceptions import ConfigurationError
from substanced.util import get_content_type

from ..security import get_vocabulary
from ..security.vocabulary import DefinitionError
from .definition import BINDINGS_FILE, load_directory
from .engine import WORKFLOW_TYPE, DefinedWorkflow
from .errors import TransitionRefused  # noqa: F401
from .guards import BUILTIN_GUARDS, add_workflow_guard
from .history import add_history_action, get_history  # noqa: F401


def get_workflow(content, registry):
    """The workflow bound to ``content``'s content type, or None."""
    content_type = get_content_type(content, registry)
    if content_type is None:
        return None
    return registry.workflow.get(WORKFLOW_TYPE, content_type)


def get_state(content, registry):
    """The workflow state name of ``content`` (None if it has no workflow)."""
    wf = get_workflow(content, registry)
    return wf.state_of(content) if wf is not None else None


def _check_guards(workflows, guards):
    for wf in workflows.values():
        for t in wf.transitions.values():
            for guard in t.guards:
                if guard not in guards:
                    raise ConfigurationError(
                        f"{wf.path}: transition {t.name}: unknown guard {guard!r}"
                    )


def _check_bindings(bindings, path, registry):
    # Substance D would refuse an unknown content type without naming the file.
    for content_type in bindings:
        if not registry.content.exists(content_type):
            raise ConfigurationError(f"{path}: unknown content type {content_type!r}")


def includeme(config):
    registry = config.registry
    registry.govportal_workflow_guards = dict(BUILTIN_GUARDS)
    config.add_directive("add_workflow_guard", add_workflow_guard)
    registry.govportal_history_actions = {}
    config.add_directive("add_history_action", add_history_action)
    directory = Path(registry.settings["govportal.workflows_dir"])
    vocabulary = get_vocabulary(registry)
    try:
        definitions, bindings = load_directory(directory, vocabulary, guard_names=None)
    except DefinitionError as e:
        raise ConfigurationError(str(e)) from None
    registry.govportal_workflow_definitions = definitions
    registry.govportal_workflow_bindings = bindings
    guards = registry.govportal_workflow_guards
    # Guards may be added by packages included later; check names at commit.
    config.action(
        ("govportal-workflow-guards",), _check_guards, args=(definitions, guards), order=9000
    )
    config.action(
        ("govportal-workflow-bindings",),
        _check_bindings,
        args=(bindings, directory / BINDINGS_FILE, registry),
        order=9000,
    )
    workflows = {name: DefinedWorkflow(d, vocabulary, guards) for name, d in definitions.items()}
    registry.govportal_workflows = workflows
    for content_type, name in bindings.items():
        config.add_workflow(workflows[name], content_types=(content_type,))
    config.include(".views")
