"""Text of attachments for the checks, extracted once per stored file.

Extraction (PDF, DOCX, XLSX … through :mod:`govportal.search.extract`) is
the expensive part of a check; the checks run on submit and again on
approve, so the text is kept in a per-process cache keyed by the storage,
the blob's object id and its serial (the transaction that last wrote it).
Replacing a file writes the blob, which changes its serial, so the new file
is read again.  A blob written in the current, uncommitted transaction has no
stable serial yet: it is read every time and not cached.
"""

import threading
from collections import OrderedDict

from ZODB.utils import z64

from ..search.extract import attachment_text

#: Characters of text the cache keeps at most (about 4 bytes each).
MAX_CACHED_CHARS = 20_000_000


class TextCache:
    """A bounded least-recently-used map of ``key -> text``."""

    def __init__(self, max_chars=MAX_CACHED_CHARS):
        self.max_chars = max_chars
        self._items = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.misses = 0

    def get(self, key):
        with self._lock:
            text = self._items.get(key)
            if text is not None:
                self._items.move_to_end(key)
            return text

    def put(self, key, text):
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old)
            self._items[key] = text
            self._size += len(text)
            while self._size > self.max_chars and len(self._items) > 1:
                _key, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)

    def clear(self):
        with self._lock:
            self._items.clear()
            self._size = 0


CACHE = TextCache()


def blob_key(attachment):
    """The cache key of ``attachment``'s stored file, or None if it has none
    that is stable (no blob, or a blob changed in this transaction)."""
    blob = getattr(attachment, "blob", None)
    jar = getattr(blob, "_p_jar", None)
    if blob is None or jar is None:
        return None
    blob._p_activate()
    if blob._p_changed or blob._p_serial == z64:
        return None
    db = jar.db()
    return (
        id(db),
        db.storage.getName(),
        blob._p_oid,
        blob._p_serial,
        getattr(attachment, "filename", ""),
    )


def text_of_attachment(attachment, cache=CACHE):
    """The extracted text of ``attachment`` (``""`` if it has none)."""
    key = blob_key(attachment)
    if key is not None:
        text = cache.get(key)
        if text is not None:
            return text
    cache.misses += 1
    text = attachment_text(attachment)
    if key is not None:
        cache.put(key, text)
    return text


def attachments_of(content):
    """The attachments of ``content``: ``content.attachments()`` if it has it."""
    attachments = getattr(content, "attachments", None)
    return list(attachments()) if callable(attachments) else []
