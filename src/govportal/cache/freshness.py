"""The database's last transaction id, read as freshly as a new ZODB
transaction would see it.

A ZODB ``Connection`` starting a transaction first calls its storage's
``sync()`` and then polls for invalidations; the snapshot it reads is the
storage's last transaction id at that moment.  :class:`TransactionIdSource`
does the same steps without opening a connection:

- storages wrapped by ZODB's MVCC adapter (FileStorage, ZEO's
  ``ClientStorage``, MappingStorage …): ``storage.sync()`` if the storage has
  one — for ZEO with ``server-sync true`` that is a round trip to the server,
  after which every transaction committed before it has been announced to
  this process — then ``storage.lastTransaction()``, which the storage
  updates on its own commits and on invalidations from the server;
- storages that implement MVCC themselves (RelStorage): a storage instance
  per thread that polls the database (``sync()``, ``poll_invalidations()``),
  then its ``lastTransaction()``.

So the id read here is never older than what a request starting at the same
moment would read, which is all the cache's correctness needs.
"""

import threading

from ZODB.interfaces import IMVCCStorage


class TransactionIdSource:
    """``current()`` returns the last transaction id (8 bytes) of ``db``."""

    def __init__(self, db):
        self.db = db
        self.storage = db.storage
        if IMVCCStorage.providedBy(self.storage):
            self._local = threading.local()
            self._instances = []
            self._lock = threading.Lock()
            self.current = self._current_mvcc
        else:
            self.current = self._current_adapted

    def _current_adapted(self):
        storage = self.storage
        # Looked up each time: ZEO rebinds ``sync`` to a server round trip
        # when it connects with server-sync enabled.
        sync = getattr(storage, "sync", None)
        if sync is not None:
            sync()
        return storage.lastTransaction()

    def _current_mvcc(self):
        instance = getattr(self._local, "instance", None)
        if instance is None:
            instance = self.storage.new_instance()
            self._local.instance = instance
            with self._lock:
                self._instances.append(instance)
        instance.sync(True)
        instance.poll_invalidations()
        return instance.lastTransaction()

    def close(self):
        for instance in getattr(self, "_instances", ()):
            try:
                instance.release()
            except Exception:  # noqa: S110 - best effort at shutdown
                pass
