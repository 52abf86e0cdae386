"""The scheduler thread: one per process that serves requests.

Started by the process's first request (a script's process never starts
one) when ``govportal.schedule.worker`` is ``thread`` (the default); it runs
:func:`~govportal.schedule.runner.run_once` every
``govportal.schedule.interval`` seconds (default 30), then the jobs other
packages add with ``config.add_periodic_job`` (the warnings about
applications for disclosure that are near their deadline, for instance).  Several processes may
run it at once: see :mod:`govportal.schedule.runner` for why an item is
never moved twice.  ``off`` runs nothing (use ``govportal-schedule`` from
cron instead, or call ``run_due`` in tests).
"""

import logging
import threading
import time

from .runner import run_in_transaction, run_once

log = logging.getLogger(__name__)

MODES = ("thread", "off")


def periodic_jobs(registry):
    """``[(name, job)]`` added with ``config.add_periodic_job``."""
    return list(getattr(registry, "govportal_periodic_jobs", {}).items())


def add_periodic_job(config, name, job):
    """Directive: run ``job(root, request)`` on every scheduler round, in a
    transaction of its own that commits when the job returns something true
    (see :func:`~govportal.schedule.runner.run_in_transaction`).  A job must
    be idempotent: several processes run it, and each round runs it again."""
    jobs = config.registry.__dict__.setdefault("govportal_periodic_jobs", {})
    jobs[name] = config.maybe_dotted(job)


class ScheduleWorker:
    def __init__(self, registry, mode="thread", interval=30.0):
        self.registry = registry
        self.mode = mode
        self.interval = interval
        self._stop = threading.Event()
        self._thread = None
        self._lock = threading.Lock()
        #: time.time() at the end of the last round (None before the first)
        self.last_round = None

    def start(self):
        """Start the thread (once; never after :meth:`close`, never when off)."""
        if self.mode != "thread" or self._stop.is_set():
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="govportal-schedule", daemon=True
                )
                self._thread.start()

    @property
    def started(self):
        """True once the thread was started (and not since closed)."""
        return self._thread is not None and not self._stop.is_set()

    @property
    def running(self):
        return self._thread is not None and self._thread.is_alive()

    def _database_open(self):
        db = getattr(self.registry, "_zodb_databases", {}).get("")
        # ZODB.DB.close() removes the storage wrapper
        return db is not None and hasattr(db, "_mvcc_storage")

    def _run(self):
        while not self._stop.wait(self.interval):
            if not self._database_open():
                break
            for note, job in [("govportal scheduler", None), *periodic_jobs(self.registry)]:
                try:
                    if job is None:
                        run_once(self.registry)
                    else:
                        run_in_transaction(self.registry, job, note)
                except Exception:
                    if not self._database_open():
                        return
                    log.exception("%s failed", note)
            self.last_round = time.time()

    def close(self, timeout=5.0):
        """Stop the thread and wait for it (before the database closes)."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
