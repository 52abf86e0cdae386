"""Text of attachments for the checks, extracted once per stored file.

Extraction (PDF, DOCX, XLSX … through :mod:`govportal.search.extract`) is
the expensive part of a check; the checks run on submit and again on
approve, so the text is kept in a per-process cache keyed by the storage,
the blob's object id and its serial (the transaction that last wrote it).
Replacing a file writes the blob, which changes its serial, so the new file
is read again.  A blob written in the current, uncommitted transaction has no
stable serial yet: it is read every time and not cached.

Extraction runs bounded in time and memory (:mod:`govportal.hardening.sandbox`);
a file that could not be read within the bounds (a zip bomb, a timeout, too
much memory, a damaged file) gives an extraction with ``ok`` False, which the
checks report as 不能检查 (:func:`extraction_of_attachment`).  That result is
cached too, so a hostile file costs the time limit once, not on every run.
"""

import threading
from collections import OrderedDict

from ZODB.utils import z64

from ..search.extract import attachment_extraction

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
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key, value):
        """Keep ``value`` (a text, or an extraction with a ``text``)."""
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= _size(old)
            self._items[key] = value
            self._size += _size(value)
            while self._size > self.max_chars and len(self._items) > 1:
                _key, dropped = self._items.popitem(last=False)
                self._size -= _size(dropped)

    def clear(self):
        with self._lock:
            self._items.clear()
            self._size = 0


def _size(value):
    return len(value if isinstance(value, str) else value.text)


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


def extraction_of_attachment(attachment, cache=CACHE):
    """The :class:`~govportal.hardening.sandbox.Extraction` of ``attachment``:
    its text, or (``ok`` False) why it could not be checked."""
    key = blob_key(attachment)
    if key is not None:
        result = cache.get(key)
        if result is not None:
            return result
    cache.misses += 1
    result = attachment_extraction(attachment)
    if key is not None:
        cache.put(key, result)
    return result


def text_of_attachment(attachment, cache=CACHE):
    """The extracted text of ``attachment`` (``""`` if it has none or could
    not be read)."""
    return extraction_of_attachment(attachment, cache).text


def attachments_of(content):
    """The attachments of ``content``: ``content.attachments()`` if it has it."""
    attachments = getattr(content, "attachments", None)
    return list(attachments()) if callable(attachments) else []
