"""Working copies: editing a published document without touching the live page.

:func:`checkout` puts a :class:`WorkingCopy` of a published document inside
it, under the fixed name :data:`WORKING_COPY_NAME`: a copy of its fields and
of its attachments (new blobs).  The working copy has its own workflow
(``workflows/workingcopy.yaml``): the editor changes it and submits it, a
reviewer of the department rejects it (with a comment) or approves it (four
eyes: not its last editor).  Approval reaches the state that ``approve`` leads
to in the workflow file (:data:`MERGE_PERMISSION`), and
:func:`merge_working_copy` then writes it over the live document — fields
(except 发布日期 and 索引号, which stay) and attachments —, records a
revision and a history record on the live document, reindexes it and
removes the working copy.  The state reached by :data:`DISCARD_PERMISSION`
(the editor gives up) removes
the working copy and leaves the live document as it was.

A working copy is never public: its states grant anonymous visitors
nothing, its content type is not ``Document`` (listings, feeds, the
catalogue and the sitemap ask for documents), and no state of its workflow
is a public one (the search index takes only documents in public states).
"""

import logging

from pyramid.threadlocal import get_current_registry, get_current_request
from substanced.content import content
from substanced.event import ObjectModified
from substanced.util import find_objectmap, get_oid
from zope.interface import implementer

from ..content.document import Document, DocumentSheet, IDocument
from ..content.views import new_name
from ..i18n import _
from ..media.references import referenced_oids
from ..workflow import facts, get_state
from ..workflow.guards import get_last_editor, set_last_editor
from ..workflow.history import TransitionRecord, append_history, get_history
from .errors import RevisionRefused
from .snapshot import apply_fields, blob_digest, copy_attachment, snapshot_fields
from .store import latest_revision, note_text, record_revision, suspended

log = logging.getLogger(__name__)

#: The name of a document's working copy inside it.
WORKING_COPY_NAME = "working-copy"
#: The permissions of the working-copy transitions that end it: the states
#: they reach are asked of workflows/workingcopy.yaml, never named here.
MERGE_PERMISSION = "approve"
DISCARD_PERMISSION = "delete"
#: Fields of the live document that a merge never changes.
KEPT_ON_LIVE = ("publish_date",)

NOTE_CHECKOUT = _("revision-note-checkout", default="从线上版本创建工作副本")
NOTE_BASELINE = _("revision-note-baseline", default="创建工作副本前的线上版本")
NOTE_MERGED = _("revision-note-merged", default="工作副本审核通过，替换线上版本")

#: History actions written on the live document, with their titles.
CHECKOUT_ACTION = "checkout_working_copy"
MERGE_ACTION = "merge_working_copy"
DISCARD_ACTION = "discard_working_copy"
#: a review step of the working copy, kept on the live document on merge
WC_STEP_ACTION = "working_copy_step"
HISTORY_ACTIONS = {
    WC_STEP_ACTION: _("wc-action-step", default="工作副本审核记录"),
    CHECKOUT_ACTION: _("wc-action-checkout", default="创建工作副本"),
    MERGE_ACTION: _("wc-action-merge", default="工作副本审核通过，替换线上版本"),
    DISCARD_ACTION: _("wc-action-discard", default="放弃工作副本"),
}


class IWorkingCopy(IDocument):
    """A working copy of a published document (lives inside it)."""


@content(
    "WorkingCopy",
    icon="glyphicon glyphicon-edit",
    propertysheets=(("基本信息", DocumentSheet),),
    catalog=True,
)
@implementer(IWorkingCopy)
class WorkingCopy(Document):
    """The pending new version of the live document that contains it."""

    #: number of the live document's revision the copy was made from
    base_revision = None

    def __sdi_addable__(self, context, introspectable):
        return introspectable.get("content_type") == "Attachment"


def get_working_copy(document):
    """The working copy of ``document``, or None."""
    get = getattr(document, "get", None)
    candidate = get(WORKING_COPY_NAME) if get is not None else None
    return candidate if IWorkingCopy.providedBy(candidate) else None


def live_document(working_copy):
    """The live document a working copy belongs to (its container), or None."""
    parent = getattr(working_copy, "__parent__", None)
    if IDocument.providedBy(parent) and not IWorkingCopy.providedBy(parent):
        return parent
    return None


def checkout(document, request):
    """The working copy of a published ``document``, created if there is none.

    Needs the ``checkout`` permission on the document (the department's
    editors hold it while the document is published; see document.yaml),
    or, to get an existing working copy, permission to view it.  Raises
    :class:`~govportal.revisions.errors.RevisionRefused` otherwise.  A
    revision of the live document is recorded first if it changed since its
    last one, so the comparison has a base.
    """
    if IWorkingCopy.providedBy(document) or not IDocument.providedBy(document):
        raise RevisionRefused(
            [_("wc-not-a-document", default="只能为已发布的文稿创建工作副本。")], status=400
        )
    existing = get_working_copy(document)
    if existing is not None:
        if not request.has_permission("view", existing):
            raise RevisionRefused([_("wc-forbidden", default="您没有权限修改该文稿。")], status=403)
        return existing
    if not request.has_permission("checkout", document):
        if request.has_permission("edit", document):
            raise RevisionRefused(
                [
                    _(
                        "wc-edit-directly",
                        default="该文稿尚未发布，可以直接修改，无需创建工作副本。",
                    )
                ],
                status=409,
            )
        raise RevisionRefused([_("wc-forbidden", default="您没有权限修改该文稿。")], status=403)
    record_revision(document, request, note_text(request, NOTE_BASELINE))
    base = latest_revision(document)
    working_copy = request.registry.content.create("WorkingCopy")
    with suspended(working_copy):
        # Into the site first: some fields (the disclosure links) are
        # object-map references, which only a resource in the site can hold.
        document[WORKING_COPY_NAME] = working_copy
        apply_fields(working_copy, snapshot_fields(document))
        working_copy.index_number = getattr(document, "index_number", "")
        working_copy.base_revision = base.number if base is not None else None
        for attachment in document.attachments():
            # inline images stay where they are: the copied body shows them
            # by reference, and a merge keeps those the new body still shows
            if getattr(attachment, "inline", False):
                continue
            copy = copy_attachment(attachment)
            copy.position = getattr(attachment, "position", None)  # the media list's order
            working_copy[attachment.__name__] = copy
    userid = getattr(request, "authenticated_userid", None)
    set_last_editor(working_copy, userid)
    _log_on_live(
        document, request.registry, CHECKOUT_ACTION, userid, _user_name(document, userid), ""
    )
    record_revision(working_copy, request, note_text(request, NOTE_CHECKOUT))
    notify_modified(working_copy, request.registry)  # catalogs index the copied fields
    return working_copy


def notify_modified(resource, registry):
    """Fire Substance D's ``ObjectModified`` (catalogs, search, caches follow)."""
    registry.subscribers((ObjectModified(resource), resource), None)


def _same_file(a, b):
    if (a.filename or "") != (b.filename or ""):
        return False
    return blob_digest(a.blob) == blob_digest(b.blob)


def _move_attachments(working_copy, live, registry):
    """Make the live document's attachments those of the working copy.

    Nothing is rewritten: the new body refers to files by object id
    (:mod:`govportal.media.references`), and every file it refers to keeps
    its id.  A live file the new body refers to stays; an unchanged file
    (same name and bytes) stays live and its copy goes; changed and removed
    files go (old revisions keep them); the working copy's other files —
    new uploads, images inserted into it — are moved over with their ids.
    An inline image the new body no longer shows goes.
    """
    shown = set(referenced_oids(working_copy.body))

    def unused_inline(attachment):
        return getattr(attachment, "inline", False) and get_oid(attachment, None) not in shown

    mine = {a.__name__: a for a in working_copy.attachments() if not unused_inline(a)}
    for name, current in {a.__name__: a for a in live.attachments()}.items():
        new = mine.get(name)
        same = new is not None and get_oid(new, None) not in shown and _same_file(current, new)
        if get_oid(current, None) in shown or (same and not unused_inline(current)):
            if same:
                if (current.title or "") != (new.title or ""):
                    current.title = new.title
                if getattr(new, "position", None) is not None:
                    current.position = new.position
                del mine[name]
            continue
        live.remove(name)
    for name in sorted(mine):
        target = name
        if target in live:
            target = new_name(live, "wc-") + ("." + name.rsplit(".", 1)[-1] if "." in name else "")
        working_copy.move(name, live, target, registry=registry)


def _user_name(context, userid):
    if userid is None:
        return ""
    objectmap = find_objectmap(context)
    user = objectmap.object_for(userid) if objectmap is not None else None
    return getattr(user, "__name__", "") or ""


def merge_working_copy(working_copy, request, record=None):
    """Write an approved working copy over its live document and remove it.

    Returns the live document's new revision (None if nothing changed).
    ``record`` is the working copy's approving history record (its actor
    and comment are repeated on the live document's history).
    """
    live = live_document(working_copy)
    if live is None:
        log.warning("working copy %r has no live document; not merged", working_copy)
        return None
    registry = getattr(request, "registry", None) or get_current_registry()
    author = get_last_editor(working_copy)
    approver = getattr(record, "actor_id", None) or getattr(request, "authenticated_userid", None)
    approver_name = getattr(record, "actor_name", "") or _user_name(live, approver)
    with suspended(live), suspended(working_copy):
        apply_fields(live, snapshot_fields(working_copy), exclude=KEPT_ON_LIVE)
        _move_attachments(working_copy, live, registry)
    revision = record_revision(
        live,
        request,
        note_text(request, NOTE_MERGED),
        userid=author,
        user_name=_user_name(live, author),
        approved_by=approver,
        approved_by_name=approver_name,
        working_copy_base=working_copy.base_revision,
    )
    _copy_steps_to_live(working_copy, live, registry, request, record)
    comment = note_text(request, NOTE_MERGED)
    reviewer_comment = (getattr(record, "comment", "") or "").strip()
    if reviewer_comment:
        comment = f"{comment}。{reviewer_comment}"
    _log_on_live(live, registry, MERGE_ACTION, approver, approver_name, comment)
    with suspended(live):
        live.remove(working_copy.__name__)
    notify_modified(live, registry)
    # The approver did not edit the text; the working copy's editor did.
    if author is not None:
        set_last_editor(live, author)
    return revision


def _copy_steps_to_live(working_copy, live, registry, request, approval):
    """The working copy's own review steps (送审 with the editor's comment,
    退回修改 with the reviewer's reason, 撤回送审 ...) kept in the live
    document's history, each with its time and actor and the step's title
    before its comment; they change no state of the live document.  The
    approval itself is the merge record that follows."""
    from ..workflow import get_workflow

    workflow = get_workflow(working_copy, registry)
    state = get_state(live, registry)
    for step in get_history(working_copy):
        if step is approval or step.from_state == step.to_state:
            continue
        title = workflow.transition_title(step.transition) if workflow else step.transition
        comment = (step.comment or "").strip()
        append_history(
            live,
            TransitionRecord(
                transition=WC_STEP_ACTION,
                from_state=state,
                to_state=state,
                actor_id=step.actor_id,
                actor_name=step.actor_name,
                comment=f"{title}：{comment}" if comment else title,
                when=step.when,
                workflow="workingcopy",
            ),
        )


def discard_working_copy(working_copy, request=None, record=None):
    """Remove a working copy; its live document stays as it is (its history
    says who discarded the copy)."""
    live = live_document(working_copy)
    if live is None or working_copy.__name__ not in live:
        return
    actor = getattr(record, "actor_id", None) or getattr(request, "authenticated_userid", None)
    name = getattr(record, "actor_name", "") or _user_name(live, actor)
    registry = getattr(request, "registry", None) or get_current_registry()
    _log_on_live(live, registry, DISCARD_ACTION, actor, name, getattr(record, "comment", ""))
    with suspended(live):
        live.remove(working_copy.__name__)


def _log_on_live(live, registry, action, actor_id, actor_name, comment):
    """A history record on the live document for a working-copy action (its
    state does not change; titles: :data:`HISTORY_ACTIONS`)."""
    state = get_state(live, registry)
    append_history(
        live,
        TransitionRecord(
            transition=action,
            from_state=state,
            to_state=state,
            actor_id=actor_id,
            actor_name=actor_name or "",
            comment=comment or "",
            workflow="workingcopy",
        ),
    )


def record_on_transition(event):
    """Subscriber of ``ContentTransitioned``: a transition that changed a
    document's fields (发布日期 filled in on publication, …) records a
    revision named after the transition."""
    content = event.content
    if not IDocument.providedBy(content) or IWorkingCopy.providedBy(content):
        return
    request = event.request or get_current_request()
    title = event.workflow.transition_title(event.record.transition)
    record_revision(
        content,
        request,
        note_text(request, title),
        userid=event.record.actor_id,
        user_name=event.record.actor_name,
    )


def working_copy_ended(event):
    """Subscriber of ``ContentTransitioned``: merge an approved working copy,
    remove a discarded one."""
    working_copy = event.content
    if not IWorkingCopy.providedBy(working_copy):
        return
    request = event.request or get_current_request()
    to_state = event.record.to_state
    registry = getattr(request, "registry", None) or get_current_registry()
    if to_state in facts.states_reached_by(registry, MERGE_PERMISSION, "WorkingCopy"):
        merge_working_copy(working_copy, request, event.record)
    elif to_state in facts.states_reached_by(registry, DISCARD_PERMISSION, "WorkingCopy"):
        discard_working_copy(working_copy, request, event.record)
