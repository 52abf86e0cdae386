"""Record a revision whenever a document or one of its attachments is saved.

Substance D fires ``ObjectModified`` after a property sheet is saved (the
SDI, and the workspace forms built on the same sheets), and ``ObjectAdded``/
``ObjectRemoved`` when attachments come and go; each records a revision of
the document if its content changed (:func:`~.store.record_revision` skips
saves that changed nothing).  Creating a document records revision 1.
"""

from pyramid.threadlocal import get_current_request
from substanced.interfaces import IObjectAdded, IObjectModified, IObjectRemoved
from substanced.util import get_oid
from zope.interface import Interface

from ..content.attachment import IAttachment
from ..content.document import IDocument
from ..i18n import _
from .store import is_suspended, note_text, record_revision

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


def attachment_added(event, *_args):
    if event.loading:
        return
    _record(event.parent, NOTE_ATTACHMENT_ADDED)


def attachment_removed(event, *_args):
    if event.loading:
        return
    _record(event.parent, NOTE_ATTACHMENT_REMOVED)


def attachment_modified(event, *_args):
    _record(getattr(event.object, "__parent__", None), NOTE_ATTACHMENT_MODIFIED)


def includeme(config):
    # Folder events are sent for (event, object, container), content events
    # for (event, object).
    config.add_subscriber(document_added, [IObjectAdded, IDocument, Interface])
    config.add_subscriber(document_modified, [IObjectModified, IDocument])
    config.add_subscriber(attachment_added, [IObjectAdded, IAttachment, Interface])
    config.add_subscriber(attachment_removed, [IObjectRemoved, IAttachment, Interface])
    config.add_subscriber(attachment_modified, [IObjectModified, IAttachment])
