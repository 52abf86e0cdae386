"""Who created a document and when it last changed.

Substance D keeps neither.  The workspace lists (我的稿件, newest first) need
both, for items saved through the workspace forms and the SDI alike, so
they are stamped by event subscribers: ``creator`` (a user oid) and
``ws_created`` when a document is added, ``ws_modified`` whenever it or one
of its attachments is added or modified.
"""

from datetime import UTC, datetime

from pyramid.threadlocal import get_current_request
from substanced.event import subscribe_added, subscribe_modified

from ..content import IAttachment, IDocument

CREATOR_ATTR = "creator"
CREATED_ATTR = "ws_created"
MODIFIED_ATTR = "ws_modified"


def _document_of(resource):
    if IAttachment.providedBy(resource):
        resource = getattr(resource, "__parent__", None)
    return resource if IDocument.providedBy(resource) else None


def touch(document, when=None):
    """Record that ``document`` changed now (or at ``when``)."""
    setattr(document, MODIFIED_ATTR, when or datetime.now(UTC))


@subscribe_added()
def stamp_added(event):
    if event.moving is not None or event.loading:
        return
    obj = event.object
    now = datetime.now(UTC)
    if IDocument.providedBy(obj):
        if getattr(obj, CREATOR_ATTR, None) is None:
            request = get_current_request()
            userid = getattr(request, "authenticated_userid", None) if request else None
            setattr(obj, CREATOR_ATTR, userid)
        if getattr(obj, CREATED_ATTR, None) is None:
            setattr(obj, CREATED_ATTR, now)
    document = _document_of(obj)
    if document is not None:
        touch(document, now)


@subscribe_modified()
def stamp_modified(event):
    document = _document_of(event.object)
    if document is not None:
        touch(document)
