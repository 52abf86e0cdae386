"""The test-time clock: the suite runs on a UTC host at 00:30 China time on 1 January.

That is the hour when a server's local date (UTC) and the site's date (China)
differ by a day and a year, so a date taken from the wrong clock shows at once:
发布日期, the 索引号 year, generated names, feeds, sitemaps, statistics and
deadlines must all say 1 January of the new year.

:func:`start` runs in ``pytest_configure`` of every test process (the xdist
controller and each worker): it sets ``TZ=UTC`` (unless the environment names
another zone) and moves the clock (``time.time``, ``datetime.now`` …, through
the ``time-machine`` package) to :data:`DEFAULT_START`, ticking.  Every process
moves by the same offset (the real instant the first process started is passed
to the others in :data:`ORIGIN_ENV`), so the processes of one run agree on the
time.  Subprocesses (the storage tests' ``pserve``, ZEO) run on the real clock
with ``TZ=UTC``, which they inherit; the tests that talk to them (marked
``storage`` or ``slow``) run on the real clock too (:func:`real`), else a site
they build would be eleven months old to its servers (passwords expired …).

``GOVPORTAL_TEST_CLOCK`` chooses: unset, the default start; an ISO 8601 instant
with its offset, that instant; ``real``, the real clock (for debugging).
"""

import os
import time
from contextlib import contextmanager
from datetime import datetime

#: the instant the clock shows when a test run starts
DEFAULT_START = "2026-01-01T00:30:00+08:00"
CLOCK_ENV = "GOVPORTAL_TEST_CLOCK"
ORIGIN_ENV = "GOVPORTAL_TEST_CLOCK_ORIGIN"

_traveller = None


def start_instant():
    """The instant (a timestamp) the test clock starts from, or None for the real clock."""
    wanted = os.environ.get(CLOCK_ENV, "").strip() or DEFAULT_START
    if wanted == "real":
        return None
    when = datetime.fromisoformat(wanted)
    if when.tzinfo is None:
        raise ValueError(f"{CLOCK_ENV}={wanted!r} must carry its UTC offset")
    return when.timestamp()


def start():
    """Set ``TZ=UTC`` and start the test clock (idempotent)."""
    global _traveller
    os.environ.setdefault("TZ", "UTC")
    time.tzset()
    if _traveller is not None:
        return
    instant = start_instant()
    if instant is None:
        return
    import time_machine

    # The real instant this run's first process started; later processes
    # (xdist workers) inherit it and so land on the same shifted clock.
    origin = float(os.environ.setdefault(ORIGIN_ENV, repr(time.time())))
    # A float, not an aware datetime: time-machine would also change TZ.
    _traveller = time_machine.travel(instant + (time.time() - origin), tick=True)
    _traveller.start()


def stop():
    global _traveller
    if _traveller is not None:
        _traveller.stop()
        _traveller = None


@contextmanager
def real():
    """The real clock for a while, then the test clock again (same offset)."""
    if _traveller is None:
        yield
        return
    stop()
    try:
        yield
    finally:
        start()
