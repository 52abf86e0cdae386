"""A document's media: its attachments, in the editor's order, told apart
as inline images (shown in the body) and downloads (listed below it).

What an attachment carries besides Substance D's ``File``:

``inline``
    True for an image uploaded from the rich-text editor: it belongs to the
    body, is never listed as a download, and goes when the body no longer
    shows it (on save, on a working copy's merge, or when it expires).
``position``
    Its place in the media list (smaller first; None: by name).
``pending_since``
    For an inline image not yet in a saved body: when it was uploaded.
    :func:`expire_pending` removes such uploads after
    ``govportal.media.pending_hours`` (24) — the upload whose form was
    never saved leaves nothing behind.

Pending uploads are also noted in a root-level BTree keyed by object id
(random, so concurrent uploads land in different buckets), so the expiry
job finds them without walking the site.
"""

import logging
from datetime import timedelta

from BTrees.LOBTree import LOBTree
from substanced.util import find_objectmap, get_oid

from ..sitetime import now_utc
from .references import image_oids, referenced_oids

log = logging.getLogger(__name__)

PENDING_ATTR = "_govportal_pending_media"
HOURS_SETTING = "govportal.media.pending_hours"
DEFAULT_HOURS = 24


def extension(attachment):
    name = getattr(attachment, "filename", "") or ""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def ordered(attachments):
    """``attachments`` in media-list order."""
    indexed = list(enumerate(attachments))
    indexed.sort(
        key=lambda pair: (
            getattr(pair[1], "position", None) is None,
            getattr(pair[1], "position", None) or 0,
            pair[0],
        )
    )
    return [a for _i, a in indexed]


def media_list(document):
    """The attachments an editor manages as files: every attachment that is
    not an inline image, in order."""
    shown = set(image_oids(getattr(document, "body", "")))
    return ordered(
        a
        for a in document.attachments()
        if not getattr(a, "inline", False) and get_oid(a, None) not in shown
    )


def downloads(document):
    """What the public page lists under 附件: :func:`media_list` (inline
    images are shown in the body, not listed again)."""
    return media_list(document)


def size_label(attachment):
    """The file size for readers: ``1.2 MB``, ``35 KB``."""
    try:
        size = attachment.get_size()
    except Exception:  # noqa: BLE001 - a blob that cannot be read has no size
        return ""
    if size >= 1024 * 1024:
        return f"{size / 1048576:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def type_label(attachment):
    """The file type for readers: its extension in capitals (``PDF``)."""
    return extension(attachment).upper()


def set_order(document, names):
    """Give the attachments named ``names`` the positions 1, 2, …"""
    for position, name in enumerate(names, start=1):
        attachment = document.get(name)
        if attachment is not None and getattr(attachment, "position", None) != position:
            attachment.position = position


def move(document, name, step):
    """Move the attachment ``name`` one place up (``step`` -1) or down (+1)
    in the media list; False when it cannot move."""
    names = [a.__name__ for a in media_list(document)]
    if name not in names:
        return False
    index = names.index(name)
    other = index + step
    if not 0 <= other < len(names):
        return False
    names[index], names[other] = names[other], names[index]
    set_order(document, names)
    return True


# -- pending uploads ---------------------------------------------------------


def _pending(root, create=False):
    tree = getattr(root, PENDING_ATTR, None)
    if tree is None and create:
        tree = LOBTree()
        setattr(root, PENDING_ATTR, tree)
    return tree


def ensure_pending_register(root):
    """Create the register of pending uploads (an evolution step does it
    once, so uploads never write the root object)."""
    _pending(root, create=True)


def mark_pending(root, attachment):
    """Note ``attachment`` (an inline image just uploaded) as pending."""
    attachment.inline = True
    attachment.pending_since = now_utc()
    _pending(root, create=True)[get_oid(attachment)] = attachment.pending_since


def settle(root, document, removable=True):
    """After ``document``'s body was saved: inline images the body shows are
    no longer pending; inline images it does not show are removed when
    ``removable`` (the document is editable).  Returns the removed names."""
    shown = set(image_oids(document.body))
    linked = set(referenced_oids(document.body))
    tree = _pending(root)
    removed = []
    for attachment in list(document.attachments()):
        oid = get_oid(attachment, None)
        if not getattr(attachment, "inline", False):
            continue
        if oid in shown or oid in linked:
            if getattr(attachment, "pending_since", None) is not None:
                attachment.pending_since = None
            if tree is not None and oid in tree:
                del tree[oid]
        elif removable:
            name = attachment.__name__
            document.remove(name)
            if tree is not None and oid in tree:
                del tree[oid]
            removed.append(name)
    return removed


def expire_pending(root, request):
    """Periodic job: remove inline images uploaded more than the configured
    hours ago that no saved body shows.  Returns True when it changed
    something (the scheduler then commits)."""
    tree = _pending(root)
    if not tree:
        return False
    hours = float(request.registry.settings.get(HOURS_SETTING, DEFAULT_HOURS))
    cutoff = now_utc() - timedelta(hours=hours)
    objectmap = find_objectmap(root)
    changed = False
    for oid, since in list(tree.items()):
        if since > cutoff:
            continue
        del tree[oid]
        changed = True
        attachment = objectmap.object_for(oid) if objectmap is not None else None
        if attachment is None or getattr(attachment, "pending_since", None) is None:
            continue
        document = attachment.__parent__
        if oid in referenced_oids(getattr(document, "body", "")):
            attachment.pending_since = None
            continue
        log.info("removing expired upload %s", attachment.__name__)
        document.remove(attachment.__name__)
    return changed


def place_last(document, attachment):
    """Give ``attachment`` the place after every other file of ``document``
    (an attachment keeps the place it has: a moved one, a copied one)."""
    if getattr(attachment, "position", None) is not None:
        return
    positions = [
        getattr(a, "position", None) or 0 for a in document.attachments() if a is not attachment
    ]
    attachment.position = max(positions, default=0) + 1
