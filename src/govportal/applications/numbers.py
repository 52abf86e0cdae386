"""Application numbers: ``{organ}-{year}-{seq}``, unique across the site group.

A number is allocated in a short transaction of its own, on a separate
connection to the content database, before the application is stored:

* the request's own transaction never writes a shared counter, so
  concurrent submissions no longer collide on one (they did on
  ``ApplicationBox.counters``, where 99 % of the retries came from);
* the allocation transaction writes two objects (the organ's counter and
  a reservation) and is retried at once on a conflict with a jittered,
  growing pause (``govportal.applications.number_attempts``, default 40),
  so concurrent writers queue there for milliseconds instead of re-running
  whole requests;
* the reservation is keyed by the submission's token (its ledger key), so
  when the request is run again (pyramid_retry after a conflict elsewhere,
  or after a lost commit answer) it gets the *same* number back.

Counters are kept per (organ code, year) in one register on the portal root
(:class:`NumberRegister`), so two departments can never issue the same
number and each organ's numbers are consecutive within a year.  **A number is
skipped only when a submission fails after its number was allocated** (e.g.
an error while storing, or every retry of the request exhausted): the
counter is never moved back, because another submission may already hold
the next number.

The format is the setting ``govportal.applications.number_format`` (default
``{organ}-{year}-{seq:04d}``; placeholders ``{organ}``, ``{year}``,
``{seq}``).  The organ code is the department's 机构代码 (部门设置), the
portal's 门户机构代码 (索引号设置) for the portal, and else the site's URL
name (``portal`` for the root).  The year is the China date of submission
(:func:`govportal.applications.clock.today`).  Applications stored before
this scheme keep their per-site names (``2026-0001``) and are found by them.
"""

import logging
import random
import time

import transaction
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid_zodbconn import get_connection
from substanced.interfaces import IRoot
from transaction.interfaces import TransientError

from ..content import IDepartment
from ..disclosure.indexnumber import ORGAN_CODE_ATTR
from ..submissions.ledger import WideTree

log = logging.getLogger(__name__)

#: The root attribute holding the :class:`NumberRegister`.
NUMBERS_ATTR = "govportal_application_numbers"
DEFAULT_FORMAT = "{organ}-{year}-{seq:04d}"
#: The organ code of a portal root without 门户机构代码.
PORTAL_FALLBACK = "portal"
DEFAULT_ATTEMPTS = 40
#: Seconds: first pause after a conflict, and the longest pause.
BACKOFF_BASE = 0.004
BACKOFF_CAP = 0.25


class NumberRegister(Persistent):
    """Counters per (organ, year) and reservations per submission key."""

    def __init__(self):
        self.counters = OOBTree()  # (organ, year) -> last sequence number issued
        self.reservations = WideTree()  # ledger key -> number

    def issue(self, fmt, organ, year, key=None, series=""):
        if key is not None:
            number = self.reservations.get(key)
            if number is not None:
                return number
        counter_key = (organ if "{organ" in fmt else "", str(year) if "{year" in fmt else "")
        if series:  # another kind of record numbered apart (e.g. 办件)
            counter_key = (*counter_key, series)
        seq = self.counters.get(counter_key, 0) + 1
        self.counters[counter_key] = seq
        number = render(fmt, organ, year, seq)
        if key is not None:
            self.reservations[key] = number
        return number


def render(fmt, organ, year, seq):
    return fmt.format(organ=organ, year=year, seq=seq)


def number_format(registry, setting="govportal.applications.number_format", default=None):
    """The checked number format of ``setting`` (else ``default``)."""
    fmt = (registry.settings.get(setting) or "").strip()
    fmt = fmt or default or DEFAULT_FORMAT
    # a format must name the sequence, or every number of a year would be one
    render(fmt, "X", 2026, 1)
    if "{seq" not in fmt:
        raise ValueError(f"{setting} {fmt!r} has no {{seq}}")
    return fmt


def organ_code(site):
    """The code numbers of ``site`` (portal root or department) carry."""
    code = ""
    if IDepartment.providedBy(site):
        code = getattr(site, "organ_code", "") or ""
    elif IRoot.providedBy(site):
        code = getattr(site, ORGAN_CODE_ATTR, "") or ""
    return code.strip() or getattr(site, "__name__", "") or PORTAL_FALLBACK


def ensure_register(root):
    """The :class:`NumberRegister` of the portal ``root`` (created if absent)."""
    register = getattr(root, NUMBERS_ATTR, None)
    if register is None:
        register = NumberRegister()
        setattr(root, NUMBERS_ATTR, register)
    return register


def _pause(attempt):
    """Full jitter: a random pause up to base * 2**attempt, capped."""
    pause = min(BACKOFF_CAP, BACKOFF_BASE * 2**attempt)
    time.sleep(random.uniform(0, pause))  # noqa: S311 (jitter, not a secret)


def allocate(request, site, year, key=None, series="", fmt=None):
    """The number of a new application to ``site`` in ``year`` (committed
    in its own transaction; the same number again for the same ``key``).
    ``series`` numbers another kind of record apart, with its own counters
    (and ``fmt``, its own format)."""
    registry = request.registry
    fmt = fmt or number_format(registry)
    organ = organ_code(site)
    attempts = int(
        registry.settings.get("govportal.applications.number_attempts") or DEFAULT_ATTEMPTS
    )

    def issue(root):
        return ensure_register(root).issue(fmt, organ, year, key, series), True

    return in_own_transaction(request, "application number", issue, attempts)


def _database(source):
    """The content database of ``source``: a ZODB ``DB``, a registry (its
    ``pyramid_zodbconn`` databases) or a request (its connection's)."""
    if hasattr(source, "open") and hasattr(source, "pack"):
        return source
    databases = getattr(source, "_zodb_databases", None)
    if databases is not None:
        return databases[""]
    return get_connection(source).db()


def in_own_transaction(source, note, work, attempts=DEFAULT_ATTEMPTS):
    """``work(app_root)`` in a short transaction of its own, on a separate
    connection, tried again after a conflict (full jitter back-off).
    ``source`` is a request, a registry or a ZODB ``DB`` (jobs and scripts
    outside a request pass the registry).  ``work`` returns ``(result,
    keep)``: the transaction is committed when ``keep`` is true, else
    aborted; returns ``result``.  A conflict on the last attempt is raised.
    (The application numbers, :mod:`govportal.interaction.limits` and the
    monitor's leases, :mod:`govportal.monitoring.lease`, work this way.)"""
    db = _database(source)
    for attempt in range(attempts):
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            tm.begin()
            result, keep = work(conn.root()["app_root"])
            if keep:
                tm.get().note(f"govportal: {note}")
                tm.commit()
            else:
                tm.abort()
            return result
        except TransientError:
            tm.abort()
            if attempt + 1 >= attempts:
                raise
            log.debug("%s: conflict, attempt %d", note, attempt + 1)
            _pause(attempt)
        except BaseException:
            tm.abort()
            raise
        finally:
            conn.close()
    raise AssertionError("unreachable")


def prune(root, request):
    """Periodic job: forget reservations as old as the submissions ledger's."""
    from ..submissions import ledger, max_age

    register = getattr(root, NUMBERS_ATTR, None)
    if register is None:
        return 0
    cutoff = ledger.cutoff_key(time.time(), 2 * max_age(request.registry))
    return ledger.prune_tree(register.reservations, cutoff)
