"""The ``prepublication`` workflow guard, and the checks run on submit.

Workflow files name the guard on the transitions that publish (``approve``,
``restore``).  It refuses while findings block — personal data neither
masked nor overridden, blocked words — with a sentence counting them by
kind.  On ``submit`` and after every guarded transition the latest report
summary is stored on the item (``content.check_report``) for the workspace;
submitting itself is never refused by the checks.
"""

from .overrides import GUARD_NAME
from .run import blocking_message, run_checks, store_report


def prepublication(content, request, transition):
    """Workflow guard: a Chinese message while blocking findings remain, else None."""
    report = run_checks(content, request)
    return blocking_message(report, request)


def _checked_transition(event):
    record = event.record
    if record.transition == "submit":
        return True
    definition = getattr(event.workflow, "definition", None)
    tdef = definition.transitions.get(record.transition) if definition is not None else None
    return tdef is not None and GUARD_NAME in tdef.guards


def check_on_transition(event):
    """After ``submit`` (and guarded transitions) keep the latest report on the item."""
    content = event.content
    if not hasattr(content, "body") or not _checked_transition(event):
        return
    store_report(content, run_checks(content, event.request))
