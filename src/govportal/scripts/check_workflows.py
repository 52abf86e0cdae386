"""``govportal-check-workflows [DIR]``: check the workflow files without starting a server."""

import argparse
import functools
import sys

from ..security.vocabulary import DefinitionError, load_vocabulary
from ..settings import DEFAULTS
from ..workflow.definition import load_directory


@functools.cache
def registered_guard_names():
    """Names of the workflow guards the application registers.

    Packages add guards with ``config.add_workflow_guard`` (locks, schedule,
    checks ...); the application's configuration is run — without opening a
    database or serving — to learn them.
    """
    from pyramid.config import Configurator

    from .. import includeme
    from ..settings import apply_defaults

    settings = apply_defaults(
        {
            "zodbconn.uri": "memory://",
            "substanced.secret": "check-workflows-" + "x" * 32,
            "govportal.mail.delivery": "memory",
        }
    )
    config = Configurator(settings=settings)
    config.include(includeme)
    return frozenset(config.registry.govportal_workflow_guards)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", nargs="?", default=DEFAULTS["govportal.workflows_dir"])
    args = parser.parse_args(argv)
    try:
        vocab = load_vocabulary(f"{args.directory}/roles.yaml")
        workflows, bindings = load_directory(args.directory, vocab, registered_guard_names())
    except DefinitionError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    for name, wf in workflows.items():
        print(f"{name}: {len(wf.states)} states, {len(wf.transitions)} transitions ({wf.title})")
    for content_type, name in bindings.items():
        print(f"  {content_type} -> {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
