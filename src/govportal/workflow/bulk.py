"""Bulk transitions (批量操作): one transition applied to several items.

Each item is handled on its own, inside a transaction savepoint: it either
takes the whole step — its own history record, its own
``ContentTransitioned`` event, its catalog entries — or, when anything
refuses it (permission, wrong state, four eyes, a lock, pre-publication
checks, any guard), is rolled back to exactly what it was and reported with
the Chinese reason.  One item's refusal never stops the others; the caller's
transaction commits what went through.

``bulk_transition(request, items, transition, comment)`` returns one
:class:`BulkResult` per distinct item, in the order given.
"""

from dataclasses import dataclass, field

import transaction
from pyramid.traversal import resource_path
from substanced.workflow import WorkflowError

from ..i18n import _, translate
from . import get_workflow
from .errors import TransitionRefused


@dataclass
class BulkResult:
    """The outcome for one item: ``ok`` with its new ``state``, or ``errors``."""

    path: str
    title: str
    ok: bool
    state: str | None = None
    state_title: str = ""
    errors: list = field(default_factory=list)

    def as_dict(self):
        return dict(self.__dict__)


def _refused(item, path, title, messages, request, workflow=None):
    state = workflow.state_of(item) if workflow is not None else None
    return BulkResult(
        path=path,
        title=title,
        ok=False,
        state=state,
        state_title=workflow.state_title(state) if workflow is not None else "",
        errors=[translate(request, m) for m in messages],
    )


def transition_one(request, item, transition, comment=""):
    """Run ``transition`` on ``item`` in a savepoint; a :class:`BulkResult`."""
    path = resource_path(item)
    title = getattr(item, "title", "") or item.__name__
    if not request.has_permission("view", item):
        # Do not tell someone what an item they may not see is, or its state.
        return BulkResult(
            path=path,
            title="",
            ok=False,
            errors=[translate(request, _("bulk-not-found", default="找不到该稿件。"))],
        )
    workflow = get_workflow(item, request.registry)
    if workflow is None:
        message = _("bulk-no-workflow", default="该对象不经过审核流程。")
        return _refused(item, path, title, [message], request)
    savepoint = transaction.savepoint()
    try:
        record = workflow.transition(item, request, transition, comment=comment)
    except TransitionRefused as e:
        savepoint.rollback()
        return _refused(item, path, title, e.messages, request, workflow)
    except WorkflowError:
        savepoint.rollback()
        message = _("workflow-error", default="无法执行该流程操作。")
        return _refused(item, path, title, [message], request, workflow)
    return BulkResult(
        path=path,
        title=title,
        ok=True,
        state=record.to_state,
        state_title=workflow.state_title(record.to_state),
    )


def bulk_transition(request, items, transition, comment=""):
    """Apply ``transition`` to every item of ``items`` (each at most once).

    Returns a list of :class:`BulkResult`; refused items are unchanged.
    Does not commit: the caller's transaction (the request's) does.
    """
    results = []
    seen = set()
    for item in items:
        if id(item) in seen:
            continue
        seen.add(id(item))
        results.append(transition_one(request, item, transition, comment))
    return results


def summary(results):
    """``(done, failed)`` counts of ``results``."""
    done = sum(1 for r in results if r.ok)
    return done, len(results) - done
