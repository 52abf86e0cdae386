"""Deferred indexing: editors' transactions queue work; an indexer does it later.

Why deferred: extracting the text of a 50-page PDF takes seconds, and an
inverted index is a shared structure (the posting list of 政府 is touched by
almost every document).  Indexing inside the editor's transaction would make
two editors saving different documents conflict on those BTrees and would make
every save slow.

How:

1. **In the editor's transaction** nothing is written for search.  Subscribers
   (:mod:`govportal.search.subscribers`) note the ids of documents whose
   searchable content may have changed — edits (``ObjectModified``),
   attachments added, replaced or removed, workflow transitions
   (``IContentTransitioned``), removals — on the transaction, and register an
   *after-commit hook*.  Only if the transaction commits does the hook put the
   ids into this process's :class:`Indexer` queue (memory, thread-safe).  An
   aborted or retried transaction queues nothing.
2. **The indexer** (``govportal.search.worker = thread``, the default) is a
   background thread per process, started when work is queued in a process
   that serves requests (a script's process never starts one), and ended
   after :data:`IDLE_SECONDS` without work.  It takes up to :data:`BATCH`
   ids at a time (:data:`BULK_BATCH` when building) and indexes them in its
   own connection and transaction (:meth:`Indexer.index_batch`), retrying on
   ``ConflictError`` (several processes' indexers may write at once).  A
   document that is not published any more is removed from the index; one
   whose signature (text, metadata, state, attachment blobs' serials) is
   unchanged is skipped, and unchanged attachments are not extracted again.
3. **Searches** wait for this process's queued edits to be indexed (at most
   ``govportal.search.flush_timeout`` seconds, default 3) before they open
   their connection (:func:`govportal.search.flush_before_search`), so a
   search right after a publish in the same process finds the document.
   Within one process the delay between a commit and the document being
   searchable is the time to index it: milliseconds for an HTML document,
   up to about a second for a long PDF.  In a multi-process deployment (ZEO,
   RelStorage) another process sees it once the indexing process has
   committed, normally well within a second.  Searches also intersect the
   index's hits with the ``govportal`` catalog's workflow state, which is
   updated in the editor's own transaction: a retracted or archived document
   disappears from results at once, before the index catches up.
4. **Recovery**: the queue is in memory.  Work queued by a process that died
   before doing it, and changes made by scripts, are found by the *start-up
   check* that each process runs in the background on its first search: a
   missing index (or one made by another splitter version) is created and
   filled — searches wait for that, up to the timeout each — and otherwise,
   with ``govportal.search.check_at_start`` (default true), every document's
   signature is compared with the indexed one and what differs is queued
   (searches do not wait for this).  ``govportal-index <ini>`` does the same
   from the command line and ``govportal-index --rebuild <ini>`` rebuilds the
   index from scratch.

``govportal.search.worker = inline`` runs no thread: queued work is done at
the start of the next search request in the process (and by
``govportal-index``).  Either way the editor's transaction never writes to the
index, so it cannot conflict on it.
"""

import logging
import random
import threading
import time
from contextlib import contextmanager

import transaction
from pyramid.threadlocal import manager as threadlocal_manager
from ZODB.POSException import ConflictError

from ..workflow import facts
from . import extract
from .index import INDEX_KEY, AttachmentText, DocRecord, SearchIndex, signature_of
from .sources import SearchSource, source_for
from .sources import content_types as source_types

log = logging.getLogger(__name__)

#: Documents indexed per transaction: edits (small, so that a search waits
#: little) and bulk work (large: each transaction rewrites the last bucket of
#: every posting list it touches, so fewer transactions write far less).
BATCH = 20
BULK_BATCH = 200
#: Attempts at a batch that conflicts with another indexer.
ATTEMPTS = 6
#: A thread with nothing to do for this many seconds ends (a new one starts
#: with the next work).
IDLE_SECONDS = 15.0
#: Bump when the text extraction changes: every document is then re-extracted
#: by the start-up check (its signature changes).
EXTRACT_VERSION = 2


class DatabaseClosed(Exception):
    pass


def listed_states(registry):
    """Workflow states whose documents are listed publicly and searchable
    (asked of the workflow files, ``govportal.workflow.facts``)."""
    return facts.listed_states(registry, "Document")


class DocumentSource(SearchSource):
    """Documents: the built-in source of the index (:mod:`.sources`)."""

    content_type = "Document"

    @property
    def iface(self):
        from ..content import IDocument

        return IDocument

    def signature(self, obj, state):
        return document_signature(obj, state)

    def record(self, obj, signature, previous=None):
        return build_record(obj, signature, previous)


def _serial(obj):
    if obj is None:
        return ""
    try:
        obj._p_activate()
    except Exception:  # pragma: no cover - a broken object
        return ""
    serial = getattr(obj, "_p_serial", b"") or b""
    return serial.hex()


def document_signature(doc, state):
    """What the index depends on, as a digest (cheap: no text extraction)."""
    from substanced.util import get_oid

    attachments = tuple(
        (get_oid(att, 0), _serial(getattr(att, "blob", None)), att.title or "", att.filename or "")
        for att in doc.attachments()
    )
    return signature_of(
        (
            EXTRACT_VERSION,
            state,
            doc.title or "",
            doc.body or "",
            doc.doc_number or "",
            doc.index_number or "",
            doc.publisher or "",
            doc.topic or "",
            str(doc.publish_date or ""),
            attachments,
        )
    )


def build_record(doc, signature, previous=None):
    """A :class:`DocRecord` of ``doc``; attachment texts are reused from
    ``previous`` when the attachment's blob has not changed."""
    from substanced.util import get_oid

    known = {a.oid: a for a in (previous.attachments if previous is not None else ())}
    attachments = []
    for att in doc.attachments():
        oid = get_oid(att, 0)
        serial = _serial(getattr(att, "blob", None))
        old = known.get(oid)
        if old is not None and old.serial == serial and old.filename == (att.filename or ""):
            text = old.text
        else:
            text = extract.attachment_text(att)
        attachments.append(
            AttachmentText(oid, serial, att.title or att.filename or "", att.filename or "", text)
        )
    meta = (
        ("文号", doc.doc_number),
        ("索引号", doc.index_number),
        ("发布机构", doc.publisher),
        ("主题分类", doc.topic),
    )
    return DocRecord(
        title=doc.title or "",
        meta=tuple((label, value.strip()) for label, value in meta if value and value.strip()),
        body=extract.html_to_text(doc.body or ""),
        attachments=tuple(attachments),
        publish_date=doc.publish_date or None,
        topic=(doc.topic or "").strip(),
        doc_number=(doc.doc_number or "").strip(),
        signature=signature,
    )


class Indexer:
    """The queue and the indexer of one process (one per registry).

    Work, in the order it is taken: ``ensure`` (the first search in the
    process: create the index if it is missing or outdated), *urgent* ids
    (queued after editors' commits), ``reconcile`` (compare every document
    with the index, if ``check_at_start``), *bulk* ids (from a new index or
    a reconcile).  A search waits (:meth:`flush`) for ``ensure`` and urgent
    work, and for bulk work only while a new index is being filled — never
    for a reconcile of an index that exists.
    """

    def __init__(self, registry, mode="thread", flush_timeout=3.0, check_at_start=True):
        self.registry = registry
        self.mode = mode
        self.flush_timeout = flush_timeout
        self.check_at_start = check_at_start
        self._cond = threading.Condition()
        self._urgent = {}  # oid -> None: an ordered set
        self._bulk = {}
        self._ensure = False
        self._reconcile = False
        self._busy = None  # the kind of work being done
        self._building = False  # a new index is being filled
        self._thread = None
        self._checked = False
        #: Set by the process's first request: work may start the thread.
        #: (A script's commits queue work that its own process never does;
        #: the next start-up check finds it.)
        self.serving = False
        self._closed = False
        self._drain_lock = threading.Lock()
        #: time.time() when work last arrived in an empty queue, and when a
        #: unit of work last finished (read by :meth:`status`)
        self.waiting_since = None
        self.last_done = None
        self.stats = {"indexed": 0, "removed": 0, "unchanged": 0, "batches": 0, "conflicts": 0}

    # -- the queue -----------------------------------------------------------
    def enqueue(self, oids, urgent=True):
        """Queue document ids (called after a commit, or by a check)."""
        oids = [o for o in oids if o is not None]
        if not oids or self._closed:
            return
        with self._cond:
            if not self._has_work():
                self.waiting_since = time.time()
            target = self._urgent if urgent else self._bulk
            for oid in oids:
                target[oid] = None
            self._cond.notify_all()
            if self.serving:
                self._start_thread()

    def pending(self):
        """How many units of work are queued."""
        with self._cond:
            return len(self._urgent) + len(self._bulk) + self._ensure + self._reconcile

    def _has_work(self):
        return self._ensure or self._reconcile or bool(self._urgent) or bool(self._bulk)

    def _must_wait(self):
        # What a search waits for (called with the lock held).
        if self._ensure or self._urgent or self._busy in ("ensure", "urgent"):
            return True
        return self._building and (bool(self._bulk) or self._busy == "bulk")

    def activate(self):
        """Start working in this process (its first search): queue the start-up
        check and, in thread mode, start the thread."""
        with self._cond:
            self.serving = True
            if not self._checked:
                self._checked = True
                self._ensure = True
            self._start_thread()

    def _start_thread(self):
        # Called with the lock held.
        if self.mode != "thread" or self._closed or not self._has_work():
            return
        if self._thread is not None and self._thread.is_alive():
            return
        self._thread = threading.Thread(target=self._run, name="govportal-search", daemon=True)
        self._thread.start()

    def _take(self):
        # Called with the lock held: ``(kind, oids)`` of the next work, or None.
        if self._ensure:
            self._ensure = False
            return "ensure", None
        if self._urgent:
            return "urgent", self._pop(self._urgent, BATCH)
        if self._reconcile:
            self._reconcile = False
            return "reconcile", None
        if self._bulk:
            return "bulk", self._pop(self._bulk, BULK_BATCH)
        self._building = False
        return None

    @staticmethod
    def _pop(source, size):
        batch = list(source)[:size]
        for oid in batch:
            del source[oid]
        return batch

    # -- waiting -------------------------------------------------------------
    def flush(self, timeout=None):
        """Before a search: wait until the work it depends on is done (at most
        ``timeout`` seconds); in ``inline`` mode, do all queued work now.
        True if the search will see everything queued so far."""
        self.activate()
        if self.mode != "thread":
            self.drain()
            return not self._has_work()
        timeout = self.flush_timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._must_wait():
                if self._closed:
                    return False
                self._start_thread()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(min(remaining, 0.5))
        return True

    def wait_idle(self, timeout=None):
        """Wait until all queued work is done, a reconcile included (tests,
        scripts).  True if it is."""
        if self.mode != "thread":
            self.drain()
            return not self._has_work()
        deadline = time.monotonic() + (self.flush_timeout if timeout is None else timeout)
        with self._cond:
            while self._has_work() or self._busy:
                self._start_thread()
                remaining = deadline - time.monotonic()
                if self._closed or remaining <= 0:
                    return False
                self._cond.wait(min(remaining, 0.5))
        return True

    @property
    def building(self):
        """True while a new index is being filled (results may be incomplete)."""
        with self._cond:
            return self._building and (bool(self._bulk) or self._busy == "bulk")

    def drain(self):
        """Do all queued work in the calling thread."""
        with self._drain_lock:
            while self._step():
                pass

    def _step(self):
        """Take and do one unit of work; False when there is none (or the
        database is closed).  The caller holds the drain lock."""
        with self._cond:
            work = self._take()
            if work is None:
                return False
            self._busy = work[0]
        try:
            self._do(*work)
        except DatabaseClosed:
            self._close()
            return False
        finally:
            with self._cond:
                self._busy = None
                self.last_done = time.time()
                self._cond.notify_all()
        return True

    def status(self):
        """A read-only summary for health checks and metrics:
        ``{"mode", "closed", "serving", "thread_alive", "pending", "busy",
        "waiting_since", "last_done"}`` (times are ``time.time()`` or None)."""
        with self._cond:
            thread = self._thread
            return {
                "mode": self.mode,
                "closed": self._closed,
                "serving": self.serving,
                "thread_alive": thread is not None and thread.is_alive(),
                "pending": len(self._urgent) + len(self._bulk) + self._ensure + self._reconcile,
                "busy": self._busy,
                "waiting_since": self.waiting_since if self._has_work() or self._busy else None,
                "last_done": self.last_done,
            }

    # -- the thread ------------------------------------------------------------
    def _run(self):
        while True:
            with self._cond:
                idle_since = time.monotonic()
                while not self._has_work():
                    if self._closed or time.monotonic() - idle_since > IDLE_SECONDS:
                        if self._thread is threading.current_thread():
                            self._thread = None
                        return
                    self._cond.wait(1.0)
            if not self._drain_lock.acquire(timeout=1.0):
                continue
            try:
                if not self._step() and self._closed:
                    return
            except Exception:
                if self._db_closed():  # the application is shutting down
                    self._close()
                    return
                log.exception("search indexer failed")  # pragma: no cover
            finally:
                self._drain_lock.release()

    def close(self, timeout=5.0):
        """Stop working and wait for the thread (before the database closes)."""
        self._close()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _close(self):
        with self._cond:
            self._closed = True
            self._urgent.clear()
            self._bulk.clear()
            self._ensure = self._reconcile = False
            self._cond.notify_all()

    def _do(self, kind, oids):
        if kind in ("urgent", "bulk"):
            self.index_batch(oids)
            return
        for attempt in range(ATTEMPTS):
            try:
                if kind == "ensure":
                    created = self.ensure_index()
                    if not created and self.check_at_start:
                        with self._cond:
                            self._reconcile = True
                else:
                    self.reconcile()
                return
            except ConflictError:
                self.stats["conflicts"] += 1
                time.sleep(0.05 * (2**attempt))

    # -- database sessions -----------------------------------------------------
    def _db(self):
        dbs = getattr(self.registry, "_zodb_databases", None) or {}
        db = dbs.get("")
        if db is None or not hasattr(db, "_mvcc_storage"):  # ZODB.DB.close() removes it
            raise DatabaseClosed()
        return db

    def _db_closed(self):
        try:
            self._db()
        except DatabaseClosed:
            return True
        return False

    @contextmanager
    def session(self):
        """A connection with its own transaction manager: ``(zodb_root, tm)``."""
        db = self._db()
        tm = transaction.TransactionManager()
        try:
            conn = db.open(transaction_manager=tm)
        except AttributeError:  # the database was closed
            raise DatabaseClosed() from None
        threadlocal_manager.push({"registry": self.registry, "request": None})
        try:
            tm.begin()
            yield conn.root(), tm
        finally:
            try:
                tm.abort()
            finally:
                threadlocal_manager.pop()
                conn.close()

    # -- the work ------------------------------------------------------------------
    def index_batch(self, oids):
        """Index (or unindex) the documents ``oids`` in one transaction."""
        for attempt in range(ATTEMPTS):
            try:
                with self.session() as (zodb_root, tm):
                    app_root = zodb_root.get("app_root")
                    if app_root is None:
                        return
                    index, created = self._ensure_index(zodb_root)
                    counts = {}
                    for oid in oids:
                        result = self._index_one(index, app_root, oid)
                        counts[result] = counts.get(result, 0) + 1
                    tm.get().note(f"govportal search: {len(oids)} document(s)")
                    tm.commit()
                    if created:
                        self._fill(self._document_oids(app_root))
                for key, value in counts.items():
                    if key in self.stats:
                        self.stats[key] += value
                self.stats["batches"] += 1
                return
            except ConflictError:
                self.stats["conflicts"] += 1
                time.sleep(0.05 * (2**attempt))
        log.error("search: giving up on %d document(s) after conflicts", len(oids))

    def _fill(self, oids):
        """Queue every document for a new index; searches wait for it."""
        # Several processes may do this at once: each takes the documents in
        # its own order, so that they rarely write the same ones together (a
        # document another process indexed meanwhile is then skipped).
        oids = list(oids)
        random.shuffle(oids)  # noqa: S311 - an order, not a secret
        with self._cond:
            self._building = True
        self.enqueue(oids, urgent=False)

    def _ensure_index(self, zodb_root):
        index = zodb_root.get(INDEX_KEY)
        if index is not None and index.is_current():
            return index, False
        index = zodb_root[INDEX_KEY] = SearchIndex()
        return index, True

    def _index_one(self, index, app_root, oid):
        from substanced.util import find_objectmap, get_oid

        from ..content import IAttachment
        from ..workflow import get_state

        objectmap = find_objectmap(app_root)
        obj = objectmap.object_for(oid) if objectmap is not None else None
        if obj is not None and IAttachment.providedBy(obj):
            obj = obj.__parent__
            oid = get_oid(obj, None)
        source = source_for(self.registry, obj) if obj is not None else None
        if source is None:
            return "removed" if index.unindex_doc(oid) else "ignored"
        state = get_state(obj, self.registry)
        if state not in source.states(self.registry):
            return "removed" if index.unindex_doc(oid) else "ignored"
        try:
            signature = source.signature(obj, state)
            previous = index.records.get(oid)
            if previous is not None and previous.signature == signature:
                return "unchanged"
            index.index_doc(oid, source.record(obj, signature, previous))
        except ConflictError:
            raise
        except Exception:
            log.exception("search: could not index document %s", oid)
            return "failed"
        return "indexed"

    def _document_oids(self, app_root):
        from substanced.util import find_catalog

        system = find_catalog(app_root, "system")
        if system is None:
            return []
        return list(system["content_type"].applyAny(source_types(self.registry)))

    def ensure_index(self, rebuild=False):
        """Create the index if it is missing or was made by another splitter
        version (or always, with ``rebuild``), and then queue every document.
        Returns True if an index was created."""
        with self.session() as (zodb_root, tm):
            app_root = zodb_root.get("app_root")
            if app_root is None:
                return False
            index = zodb_root.get(INDEX_KEY)
            if not (rebuild or index is None or not index.is_current()):
                return False
            zodb_root[INDEX_KEY] = SearchIndex()
            tm.get().note("govportal search: new index")
            tm.commit()
            self._fill(self._document_oids(app_root))
            return True

    def reconcile(self):
        """Queue every document whose signature differs from the indexed one,
        and every indexed document that is gone.  Returns how many."""
        from substanced.util import find_objectmap

        from ..workflow import get_state

        with self.session() as (zodb_root, _tm):
            app_root = zodb_root.get("app_root")
            index = zodb_root.get(INDEX_KEY)
            if app_root is None or index is None:
                return 0
            oids = self._document_oids(app_root)
            objectmap = find_objectmap(app_root)
            stale = []
            for oid in oids:
                doc = objectmap.object_for(oid)
                source = source_for(self.registry, doc) if doc is not None else None
                if source is None:
                    continue
                state = get_state(doc, self.registry)
                record = index.records.get(oid)
                if state not in source.states(self.registry):
                    if record is not None:
                        stale.append(oid)
                elif record is None or record.signature != source.signature(doc, state):
                    stale.append(oid)
            known = set(oids)
            stale.extend(oid for oid in index.records.keys() if oid not in known)
        random.shuffle(stale)  # noqa: S311 - see _fill
        self.enqueue(stale, urgent=False)
        return len(stale)

    def check(self, reconcile=True, rebuild=False):
        """:meth:`ensure_index`, then (unless it made a new index)
        :meth:`reconcile`.  Returns the number of documents queued."""
        if self.ensure_index(rebuild=rebuild):
            return self.pending()
        return self.reconcile() if reconcile else 0


def get_indexer(registry):
    return getattr(registry, "govportal_search", None)
