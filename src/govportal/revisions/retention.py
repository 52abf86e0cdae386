"""How long revisions are kept (settings ``govportal.revisions.*``).

Revisions of records are kept: by default every revision of a document is
kept for as long as the document exists.  Two rules remove some:

Masked personal data (``govportal.revisions.purge_masked``, default on)
    When a reviewer approves an item whose personal data was masked
    (:func:`govportal.checks.mask_document` writes a ``mask_personal_data``
    record in its history) — a transition guarded by the pre-publication
    checks, i.e. 审核通过 of a document or of a working copy — every
    revision that still holds personal data that the approved text no
    longer holds is purged: of the document, and for a working copy of its
    live document too.  The purge is recorded in the item's history (who,
    when, how many, which numbers) and in the audit trail
    (``revisions.purge``).  A purged revision no longer exists: it cannot
    be shown, compared or restored.
Drafts (``govportal.revisions.draft_limit``, default 0: no limit)
    A document that has never been in a public state (a draft, a working
    copy) keeps at most that many revisions, the newest; older ones are
    dropped as new ones are recorded.  Published records are never capped.

Nothing here names a state, a role or a transition: public states and the
approving transitions come from the workflow definitions.
"""

from pyramid.settings import asbool
from pyramid.threadlocal import get_current_registry, get_current_request

from ..i18n import _
from ..workflow import get_workflow
from ..workflow.history import TransitionRecord, append_history, get_history
from .store import REVISIONS_ATTR, note_text

PURGE_SETTING = "govportal.revisions.purge_masked"
DRAFT_LIMIT_SETTING = "govportal.revisions.draft_limit"
#: the history action of a purge (titled in :data:`HISTORY_ACTIONS`)
PURGE_ACTION = "purge_revisions"
#: what govportal.checks calls a masking in an item's history
MASK_ACTION = "mask_personal_data"
#: the workflow guard of the approving transitions (govportal.checks)
APPROVAL_GUARD = "prepublication"
HISTORY_ACTIONS = {
    PURGE_ACTION: _("revision-action-purge", default="清除含未遮盖个人信息的历史版本"),
}


def purge_enabled(registry):
    return asbool((registry.settings or {}).get(PURGE_SETTING, True))


def draft_limit(registry):
    try:
        return max(0, int((registry.settings or {}).get(DRAFT_LIMIT_SETTING, 0) or 0))
    except (TypeError, ValueError):
        return 0


# -- personal data in a snapshot ---------------------------------------------------


def _personal_values(title, body):
    """The personal data (digits and letters only, so that spacing does not
    matter) that the checks find in a title and a body."""
    try:
        from ..checks.markup import body_text
        from ..checks.personal import find_personal_data
    except ImportError:  # no checks on this platform
        return set()
    values = set()
    for text in ((title or ""), body_text(body or "")):
        for _kind, start, end in find_personal_data(text):
            values.add("".join(c for c in text[start:end] if c.isalnum()).upper())
    return values


def _snapshot_values(fields):
    return _personal_values(fields.get("title"), fields.get("body"))


def leaking_revisions(document, reference):
    """Numbers of ``document``'s revisions holding personal data that
    ``reference`` (a document or working copy: the approved text) does not."""
    kept = _personal_values(getattr(reference, "title", ""), getattr(reference, "body", ""))
    tree = getattr(document, REVISIONS_ATTR, None)
    if not tree:
        return []
    return [number for number, revision in tree.items() if _snapshot_values(revision.fields) - kept]


def _masked_since_last_purge(item):
    for record in reversed(get_history(item)):
        if record.transition == PURGE_ACTION:
            return False
        if record.transition == MASK_ACTION:
            return True
    return False


def purge_revisions(document, numbers, request, registry, actor_id=None, actor_name=""):
    """Remove revisions ``numbers`` of ``document``; record it in its history
    and in the audit trail.  Returns the numbers removed."""
    tree = getattr(document, REVISIONS_ATTR, None)
    numbers = sorted(n for n in numbers if tree is not None and n in tree)
    if not numbers:
        return []
    for number in numbers:
        del tree[number]
    workflow = get_workflow(document, registry)
    state = workflow.state_of(document) if workflow is not None else ""
    comment = note_text(
        request,
        _(
            "revision-purge-history",
            default="审核通过已遮盖个人信息的稿件，清除了 ${count} 个仍含未遮盖个人信息的历史版本"
            "（第 ${numbers} 版），不可再查看或恢复。",
            mapping={"count": len(numbers), "numbers": "、".join(str(n) for n in numbers)},
        ),
    )
    append_history(
        document,
        TransitionRecord(
            transition=PURGE_ACTION,
            from_state=state,
            to_state=state,
            actor_id=actor_id,
            actor_name=actor_name or "",
            comment=comment,
            workflow=getattr(workflow, "name", ""),
        ),
    )
    _audit(request, registry, document, numbers)
    return numbers


def _audit(request, registry, document, numbers):
    try:
        from ..security.events import record_action
    except ImportError:  # no audit trail on this platform
        return
    from pyramid.traversal import resource_path

    record_action(
        request,
        "revisions.purge",
        registry=registry,
        target=resource_path(document),
        details={"count": len(numbers), "revisions": ",".join(str(n) for n in numbers)},
    )


def purge_after_approval(event):
    """Subscriber of ``ContentTransitioned`` (run before a working copy is
    merged): an approval of a masked item purges the revisions that still
    hold the data it masked."""
    from .workingcopy import IWorkingCopy, live_document

    request = event.request or get_current_request()
    registry = getattr(request, "registry", None) or get_current_registry()
    if not purge_enabled(registry):
        return
    tdef = event.workflow.definition.transitions.get(event.record.transition)
    if tdef is None or APPROVAL_GUARD not in tdef.guards:
        return
    item = event.content
    if not _masked_since_last_purge(item):
        return
    target = item
    if IWorkingCopy.providedBy(item):
        # the copy's own revisions go with it on merge; the live document's
        # earlier revisions are the ones that would keep the data
        tree = getattr(item, REVISIONS_ATTR, None)
        for number in leaking_revisions(item, item):
            del tree[number]
        target = live_document(item)
        if target is None:
            return
    purge_revisions(
        target,
        leaking_revisions(target, item),
        request,
        registry,
        actor_id=event.record.actor_id,
        actor_name=event.record.actor_name,
    )


# -- the draft cap -------------------------------------------------------------------


def ever_public(document, registry):
    """Whether ``document`` is or was ever in a public state of its workflow."""
    workflow = get_workflow(document, registry)
    if workflow is None:
        return False
    states = workflow.definition.states
    if workflow.is_public(document):
        return True
    return any(
        r.to_state in states and states[r.to_state].public
        for r in get_history(document)
        if r.workflow == workflow.name
    )


def cap_draft_revisions(document, registry=None):
    """Drop the oldest revisions of a never-published document beyond
    ``govportal.revisions.draft_limit``; returns the numbers dropped."""
    registry = registry or get_current_registry()
    limit = draft_limit(registry)
    tree = getattr(document, REVISIONS_ATTR, None)
    if not limit or tree is None or len(tree) <= limit:
        return []
    if ever_public(document, registry):
        return []
    numbers = list(tree.keys())[: len(tree) - limit]
    for number in numbers:
        del tree[number]
    return numbers
