"""``govportal-check-workflows [DIR]``: check the workflow files without starting a server."""

import argparse
import sys

from ..security.vocabulary import DefinitionError, load_vocabulary
from ..settings import DEFAULTS
from ..workflow.definition import load_directory
from ..workflow.guards import BUILTIN_GUARDS


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", nargs="?", default=DEFAULTS["govportal.workflows_dir"])
    args = parser.parse_args(argv)
    try:
        vocab = load_vocabulary(f"{args.directory}/roles.yaml")
        workflows, bindings = load_directory(args.directory, vocab, BUILTIN_GUARDS)
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
