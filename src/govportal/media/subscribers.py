"""Events of attachments: a new file takes the last place of the media list."""

from substanced.event import subscribe_added

from ..content import IAttachment, IDocument
from .store import place_last


@subscribe_added(IAttachment)
def attachment_added(event):
    document = event.parent
    if IDocument.providedBy(document):
        place_last(document, event.object)
