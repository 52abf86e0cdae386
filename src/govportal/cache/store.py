"""The render cache: a bounded LRU of rendered pages, each tagged with the
database transaction id its render started from.

See :mod:`govportal.cache` for why an entry is valid exactly while the
database's last transaction id is still its tag.
"""

import threading
from collections import OrderedDict

from .validators import (
    DAY,
    day_start,
    etag_matches,
    format_http_date,
    last_modified_seconds,
    may_send_last_modified,
    parse_http_date,
)

#: Per-entry bookkeeping counted on top of the body (headers, key, objects).
ENTRY_OVERHEAD = 512


class CachedAnswer:
    """A ready WSGI answer: what the execution policy returns on a hit.

    Pyramid's router only calls ``response(environ, start_response)`` on what
    the execution policy returns, so a hit needs no WebOb response at all.
    """

    __slots__ = ("status", "headers", "body")

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def __call__(self, environ, start_response):
        start_response(self.status, self.headers)
        if not self.body or environ.get("REQUEST_METHOD") == "HEAD":
            return []
        return [self.body]


class Entry:
    """One rendered page: status, headers (without ``Last-Modified``, which
    depends on the time of the answer), body, ETag, the tag ``tid`` and the
    end of the day it was rendered on (``expires``).

    A page may depend on the date (deadlines in working days, 今天): an entry
    serves only on the day it was rendered (China Standard Time), and its
    ``Last-Modified`` is never earlier than the start of that day, so that a
    page that changed at midnight without a commit never matches an
    ``If-Modified-Since`` from the day before.
    """

    __slots__ = (
        "tid",
        "status",
        "headers",
        "body",
        "etag",
        "lm_seconds",
        "expires",
        "size",
        "_lm_header",
    )

    def __init__(self, tid, status, headers, body, etag, rendered_on):
        day = day_start(rendered_on)
        self.tid = tid
        self.status = status
        self.headers = headers
        self.body = body
        self.etag = etag
        self.lm_seconds = max(last_modified_seconds(tid), day)
        self.expires = day + DAY
        self.size = len(body) + ENTRY_OVERHEAD
        self._lm_header = None

    @property
    def lm_header(self):
        if self._lm_header is None:
            self._lm_header = format_http_date(self.lm_seconds)
        return self._lm_header

    def last_modified(self, observed_at):
        """The ``Last-Modified`` value (seconds) if it may be sent now, else None.

        ``observed_at`` is a time at (or before) which ``self.tid`` was seen
        to be the database's last transaction (see :mod:`govportal.cache`).
        """
        if may_send_last_modified(self.lm_seconds, observed_at):
            return self.lm_seconds
        return None

    def answer(self, environ, observed_at, marker="hit"):
        """The WSGI answer for ``environ``: 304 if its validators match, else 200."""
        lm = self.last_modified(observed_at)
        extra = [("X-Govportal-Cache", marker)]
        if lm is not None:
            extra.append(("Last-Modified", self.lm_header))
        if not_modified(environ, self.etag, lm):
            return CachedAnswer("304 Not Modified", self.headers_304() + extra, b"")
        return CachedAnswer(self.status, self.headers + extra, self.body)

    def headers_304(self):
        return [(k, v) for k, v in self.headers if k.lower() in HEADERS_OF_304]


#: Headers a 304 repeats (RFC 9110 §15.4.5): validators and caching metadata.
HEADERS_OF_304 = frozenset({"etag", "cache-control", "vary", "expires", "content-location"})


def not_modified(environ, etag, last_modified):
    """True if the conditional headers of ``environ`` match (RFC 9110 §13.2.2):
    ``If-None-Match`` when present (weak comparison), else ``If-Modified-Since``
    against ``last_modified`` (seconds, or None when it may not be used)."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        return etag is not None and etag_matches(if_none_match, etag)
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if since is None or last_modified is None:
        return False
    since = parse_http_date(since)
    return since is not None and last_modified <= since


class PageCache:
    """A thread-safe LRU of :class:`Entry`, bounded in entries and bytes.

    ``tid`` is the newest database transaction id the cache has seen; entries
    tagged with anything else are dead and are dropped as soon as a newer id
    is seen, so memory is freed at once after a change.
    """

    def __init__(self, max_entries=5000, max_bytes=64 * 1024 * 1024, max_entry_bytes=None):
        self.max_entries = max(0, int(max_entries))
        self.max_bytes = max(0, int(max_bytes))
        self.max_entry_bytes = (
            self.max_bytes // 4 if max_entry_bytes is None else int(max_entry_bytes)
        )
        self._lock = threading.Lock()
        self._entries = OrderedDict()
        self.tid = None
        self.bytes = 0
        self.hits = self.misses = self.stores = self.evictions = self.flushes = 0

    def __len__(self):
        return len(self._entries)

    def __contains__(self, key):
        return key in self._entries

    def keys(self):
        with self._lock:
            return list(self._entries)

    def _seen(self, tid):
        # Called with the lock held.  Transaction ids grow; a smaller one
        # comes from a thread that read it a moment before another thread
        # read a newer one, and changes nothing.
        if self.tid is None or tid > self.tid:
            if self._entries:
                self._entries.clear()
                self.bytes = 0
                self.flushes += 1
            self.tid = tid

    def get(self, key, tid, now):
        """The entry for ``key`` if it was rendered at ``tid`` (the database's
        last transaction id, just read) on the day of ``now``, else None."""
        with self._lock:
            if tid != self.tid:
                self._seen(tid)
            entry = self._entries.get(key)
            if entry is None or entry.tid != tid or now >= entry.expires:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key, entry, current_tid):
        """Keep ``entry`` unless the database moved on since it was rendered
        (``current_tid`` is the last transaction id, read after rendering)."""
        if entry.size > self.max_entry_bytes or not self.max_entries:
            return False
        with self._lock:
            self._seen(current_tid)
            if entry.tid != current_tid or entry.tid != self.tid:
                return False
            old = self._entries.pop(key, None)
            if old is not None:
                self.bytes -= old.size
            self._entries[key] = entry
            self.bytes += entry.size
            self.stores += 1
            while self._entries and (
                len(self._entries) > self.max_entries or self.bytes > self.max_bytes
            ):
                _key, evicted = self._entries.popitem(last=False)
                self.bytes -= evicted.size
                self.evictions += 1
            return True

    def purge(self, match):
        """Drop the entries whose key ``match(key)`` accepts (e.g. every
        variant of one path, once the tamper monitor found a page served
        that is not the approved one); returns how many were dropped."""
        with self._lock:
            doomed = [key for key in self._entries if match(key)]
            for key in doomed:
                self.bytes -= self._entries.pop(key).size
            return len(doomed)

    def clear(self):
        with self._lock:
            self._entries.clear()
            self.bytes = 0

    def stats(self):
        return {
            "entries": len(self._entries),
            "bytes": self.bytes,
            "hits": self.hits,
            "misses": self.misses,
            "stores": self.stores,
            "evictions": self.evictions,
            "flushes": self.flushes,
        }
