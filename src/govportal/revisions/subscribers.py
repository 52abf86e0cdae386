"""Record a revision whenever a document is saved; fold media changes in.

Substance D fires ``ObjectModified`` after a property sheet is saved (the
SDI, and the workspace forms built on the same sheets): that records a
revision of the document if its content changed
(:func:`~.store.record_revision` skips saves that changed nothing).
Creating a document records revision 1.

Attachments coming, going or changing (``ObjectAdded``/``ObjectRemoved``/
``ObjectModified`` of an attachment: uploads from the editor, titles, order,
removals) do not record a revision of their own while the document is not
public: they are counted on the document (:func:`~.store.note_media_change`)
and folded into its next revision — the next save, or the transition that
sends it on (送审 records one), so nothing reaches review unrecorded.  One
save is one revision, however many files it took.  On a public document
(changed in the SDI: the workspace changes published items through working
copies) a media change is recorded at once, as before.
"""

from pyramid.threadlocal import get_current_registry, get_current_request
from substanced.interfaces import IObjectAdded, IObjectModified, IObjectRemoved
from substanced.util import get_oid
from zope.interface import Interface

from ..content.attachment import IAttachment
from ..content.document import IDocument
from ..i18n import _
from ..workflow import get_workflow
from .store import is_suspended, latest_revision, note_media_change, note_text, record_revision

NOTE_CREATED = _("revision-note-created", default="创建")
NOTE_MODIFIED = _("revision-note-modified", default="修改")
NOTE_ATTACHMENT_ADDED = _("revision-note-attachment-added", default="上传附件")
NOTE_ATTACHMENT_REMOVED = _("revision-note-attachment-removed", default="删除附件")
NOTE_ATTACHMENT_MODIFIED = _("revision-note-attachment-modified", default="修改附件")


def _record(document, note):
    if document is None or not IDocument.providedBy(document) or is_suspended(document):
        return
    if get_oid(document, None) is None:  # not in the site yet (built before adding)
        return
    request = get_current_request()
    record_revision(document, request, note_text(request, note))


def document_added(event, *_args):
    if event.loading or event.moving is not None or event.duplicating is not None:
        return
    _record(event.object, NOTE_CREATED)


def document_modified(event, *_args):
    _record(event.object, NOTE_MODIFIED)


def _media_changed(document, note):
    """A media change of ``document``: folded into its next revision while
    it is not public (see the module's docstring), else recorded now."""
    if document is None or not IDocument.providedBy(document) or is_suspended(document):
        return
    if get_oid(document, None) is None:
        return
    request = get_current_request()
    registry = getattr(request, "registry", None) or get_current_registry()
    workflow = get_workflow(document, registry)
    if latest_revision(document) is not None and (
        workflow is None or not workflow.is_public(document)
    ):
        note_media_change(document)
        return
    record_revision(document, request, note_text(request, note))


def attachment_added(event, *_args):
    if event.loading:
        return
    _media_changed(event.parent, NOTE_ATTACHMENT_ADDED)


def attachment_removed(event, *_args):
    if event.loading:
        return
    _media_changed(event.parent, NOTE_ATTACHMENT_REMOVED)


def attachment_modified(event, *_args):
    _media_changed(getattr(event.object, "__parent__", None), NOTE_ATTACHMENT_MODIFIED)


def includeme(config):
    # Folder events are sent for (event, object, container), content events
    # for (event, object).
    config.add_subscriber(document_added, [IObjectAdded, IDocument, Interface])
    config.add_subscriber(document_modified, [IObjectModified, IDocument])
    config.add_subscriber(attachment_added, [IObjectAdded, IAttachment, Interface])
    config.add_subscriber(attachment_removed, [IObjectRemoved, IAttachment, Interface])
    config.add_subscriber(attachment_modified, [IObjectModified, IAttachment])
