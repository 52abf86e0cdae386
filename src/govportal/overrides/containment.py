"""Removing, renaming, moving and copying content: rules that hold on every
path (the SDI's folder contents, the workspace, scripts), because they are
enforced on Substance D's folder events and not in one view.

Records
    A document in a public state (published, archived: what the public has
    seen, workflows/document.yaml) is a record of 政府信息公开: nobody
    deletes it, nor a column or department while it holds one.  It can be
    retracted or archived instead.  (Moving keeps it, so is no deletion.)
A removal, rename or move of a child is an edit of its parent
    The signed-in user must have the right to change the parent (``edit``,
    ``manage_site`` or ``sdi.manage-contents`` there) — so the attachments of
    a document in review or published cannot be touched by anyone whose
    state grants no ``edit`` — and, for a move, the right to change the
    target too.  An allowed change makes the user the parent's last editor
    (so the four-eyes guard will not let them approve it alone), writes a
    record into the parent's history and the audit trail; revisions of
    documents follow from the attachment events (govportal.revisions).
Copies
    Copying (SDI "copy" and "duplicate") anything under a workflow, or an
    attachment, is refused: the copy would carry the original's state,
    索引号 and history without ever being reviewed.

Objects that are no content (a lock in the lock service, a user, a reset
request) are not concerned: their own code and permissions rule them.
Code that changes a document as one operation and records its own revision
and history (a working copy's merge, restoring a revision) runs inside
:func:`govportal.revisions.store.suspended`; those changes are not edits by
the user and are not checked here.  Without a signed-in user (scripts, the
scheduler) only the records and copy rules apply.
"""

from pyramid.threadlocal import get_current_registry, get_current_request
from pyramid.traversal import resource_path
from substanced.interfaces import IFolder, IObjectWillBeAdded, IObjectWillBeRemoved
from zope.interface import Interface

from ..content.attachment import IAttachment
from ..content.document import IDocument
from ..i18n import _
from ..revisions.store import is_suspended
from ..revisions.workingcopy import IWorkingCopy
from ..security.events import record_action
from ..workflow import get_workflow
from ..workflow.guards import set_last_editor
from ..workflow.history import TransitionRecord, append_history
from .answers import ContentRefused

#: permissions that each allow changing what a container holds
CHANGE_PERMISSIONS = ("edit", "manage_site", "sdi.manage-contents")

#: history actions written on the parent (titles registered in includeme)
HISTORY_ACTIONS = {
    "child_removed": _("history-child-removed", default="删除内容"),
    "child_renamed": _("history-child-renamed", default="重命名内容"),
    "child_moved_out": _("history-child-moved-out", default="移出内容"),
    "child_moved_in": _("history-child-moved-in", default="移入内容"),
}

#: request.environ key: old names of objects being renamed (id -> name)
_RENAMING = "govportal.containment.renaming"


def _title(obj):
    return getattr(obj, "title", None) or getattr(obj, "__name__", None) or ""


def _walk(node):
    yield node
    if IFolder.providedBy(node):
        for child in node.values():
            yield from _walk(child)


def is_record(node, registry):
    """A document (not a working copy) in a public state."""
    if not IDocument.providedBy(node) or IWorkingCopy.providedBy(node):
        return False
    workflow = get_workflow(node, registry)
    return workflow is not None and workflow.is_public(node)


def _refuse_records(obj, registry):
    for node in _walk(obj):
        if is_record(node, registry):
            if node is obj:
                message = _(
                    "records-no-delete",
                    default="“${title}”已发布或已归档，是政府信息公开的档案，任何人都不能删除。"
                    "如需下线，请撤回发布或归档。",
                    mapping={"title": _title(node)},
                )
            else:
                message = _(
                    "records-no-delete-container",
                    default="“${container}”中有已发布或已归档的稿件（如“${title}”），"
                    "这些稿件是档案，不能随之删除。",
                    mapping={"container": _title(obj), "title": _title(node)},
                )
            raise ContentRefused([message], status=409)


def _under_workflow(node, registry):
    return IAttachment.providedBy(node) or get_workflow(node, registry) is not None


def _concerns_content(obj, *containers):
    """Whether a removal or move touches content under a workflow (not the
    objects of a service: locks, users, reset requests ...)."""
    registry = get_current_registry()
    return any(node is not None and _under_workflow(node, registry) for node in (obj, *containers))


def _refuse_copies(obj, registry):
    if any(_under_workflow(node, registry) for node in _walk(obj)):
        raise ContentRefused(
            [
                _(
                    "copy-refused",
                    default="稿件、工作副本、依申请公开、附件、栏目和部门不能复制：复制品会带走原件的"
                    "状态、索引号和审核记录而未经审核。请在编辑工作台中新建稿件。",
                )
            ],
            status=403,
        )


def _acting_request():
    """The current request if a user is signed in to it, else None."""
    request = get_current_request()
    if request is None or getattr(request, "authenticated_userid", None) is None:
        return None
    return request


def may_change(request, container):
    """Whether the request's user may change what ``container`` holds."""
    return any(request.has_permission(p, container) for p in CHANGE_PERMISSIONS)


def _refuse_change(container):
    raise ContentRefused(
        [
            _(
                "container-no-change",
                default="您无权修改“${title}”，不能删除、移动或重命名其中的内容"
                "（稿件待审核、已发布或已归档时，其附件不能改动）。",
                mapping={"title": _title(container)},
            )
        ],
        status=403,
    )


def _user_name(request):
    return getattr(getattr(request, "user", None), "__name__", "") or ""


def edited(container, request, action, comment):
    """Record that the request's user changed what ``container`` holds: its
    last editor (documents) and a record in its history (content under a
    workflow)."""
    userid = request.authenticated_userid
    if IDocument.providedBy(container):
        set_last_editor(container, userid)
    workflow = get_workflow(container, request.registry)
    if workflow is None:
        return
    state = workflow.state_of(container)
    append_history(
        container,
        TransitionRecord(
            transition=action,
            from_state=state,
            to_state=state,
            actor_id=userid,
            actor_name=_user_name(request),
            comment=comment,
            workflow=getattr(workflow, "name", ""),
        ),
    )


def _path(resource):
    try:
        return resource_path(resource)
    except Exception:  # noqa: BLE001 - a resource outside the tree
        return ""


def will_be_removed(event, *_args):
    """``ObjectWillBeRemoved``: records, rights on the parent (and on the
    target of a move), then the parent's last editor and history."""
    if event.loading:
        return
    obj, parent, target = event.object, event.parent, event.moving
    if target is None:
        _refuse_records(obj, get_current_registry())
    request = _acting_request()
    if request is None or is_suspended(parent) or (target is not None and is_suspended(target)):
        return
    if not _concerns_content(obj, parent, target):
        return
    if not may_change(request, parent):
        _refuse_change(parent)
    if target is not None and target is not parent and not may_change(request, target):
        _refuse_change(target)
    title = _title(obj)
    if target is None:
        edited(parent, request, "child_removed", title)
        record_action(
            request,
            "content.delete",
            target=_path(obj),
            details={"title": title, "parent": _path(parent)},
        )
    elif target is parent:
        request.environ.setdefault(_RENAMING, {})[id(obj)] = event.name
    else:
        edited(parent, request, "child_moved_out", f"{title} → {_path(target)}")
        record_action(
            request,
            "content.move",
            target=_path(obj),
            details={"title": title, "to": _path(target)},
        )


def will_be_added(event, *_args):
    """``ObjectWillBeAdded``: copies of workflow content are refused; the
    end of a move or rename is recorded on the new parent."""
    if event.loading:
        return
    obj, parent, source = event.object, event.parent, event.moving
    if event.duplicating is not None:
        _refuse_copies(obj, get_current_registry())
        acting = _acting_request()
        if acting is not None:
            record_action(
                acting,
                "content.copy",
                target=_path(event.duplicating),
                details={"to": _path(parent)},
            )
        return
    if source is None:
        return
    request = _acting_request()
    if request is None or is_suspended(parent) or is_suspended(source):
        return
    if not _concerns_content(obj, parent, source):
        return
    title = _title(obj)
    if source is parent:
        old = request.environ.get(_RENAMING, {}).pop(id(obj), "")
        edited(parent, request, "child_renamed", f"{old} → {event.name}")
        record_action(
            request,
            "content.rename",
            target=_path(parent).rstrip("/") + "/" + event.name,
            details={"title": title, "from": old},
        )
    else:
        edited(parent, request, "child_moved_in", f"{title} ← {_path(source)}")


def _register_titles(registry):
    actions = getattr(registry, "govportal_history_actions", None)
    if actions is not None:
        actions.update(HISTORY_ACTIONS)


def includeme(config):
    # Folder events are sent for (event, object, container).
    config.add_subscriber(will_be_removed, [IObjectWillBeRemoved, Interface, Interface])
    config.add_subscriber(will_be_added, [IObjectWillBeAdded, Interface, Interface])
    # The history titles dict is created by govportal.workflow, included later.
    config.action(
        ("govportal.overrides", "history-titles"),
        _register_titles,
        args=(config.registry,),
        order=1000,
    )
