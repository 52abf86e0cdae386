"""What tamper detection keeps in the monitor database (section ``tamper``).

* ``baselines`` — one :class:`Baseline` per published document, by oid: the
  approval it records (revision number, time, approver), the SHA-256 and a
  compressed copy of the page's region (:mod:`.region`), and each
  attachment's path, size and SHA-256 (its bytes are in the vault,
  :mod:`.vault`).
* ``pending`` — documents restored in the content database whose restore
  still has to be seen served (confirmed after the commit, by the next
  scheduler round): oid → dict.
* ``lease`` — which process sweeps now, until when, and when the next sweep
  is due (a :class:`govportal.monitoring.lease.Lease`, written only in short
  transactions of its own, so that the sweep's long transaction never
  conflicts on it).
* ``log`` — the last sweep's figures (for the dashboard).

Each is its own persistent object: a sweep writing baselines, a round
confirming a restore and a process taking the lease touch different objects.
"""

from BTrees.LOBTree import LOBTree
from persistent import Persistent

from ..lease import Lease
from ..store import section

SECTION = "tamper"


class Baseline(Persistent):
    """The approved state of one public document."""

    def __init__(self, oid, path, site_path, revision, approved_at, approved_by, recorded_at):
        self.oid = oid
        self.path = path
        self.site_path = site_path
        self.revision = revision
        self.approved_at = approved_at
        self.approved_by = approved_by
        self.recorded_at = recorded_at
        #: the document object's serial when recorded: while it is unchanged
        #: the object cannot have been altered, and the sweep skips the
        #: fresh render (see :mod:`.inspect`)
        self.serial = None
        self.region_sha = ""
        self.region_z = b""
        #: ({"name", "path", "filename", "size", "sha256"}, ...)
        self.attachments = ()


class SweepLog(Persistent):
    def __init__(self):
        self.last = {}


class TamperBook(Persistent):
    def __init__(self):
        self.baselines = LOBTree()
        self.pending = LOBTree()
        self.lease = Lease()
        self.log = SweepLog()


def get_book(root, create=True):
    """The tamper section of the monitor database (None if absent and not ``create``)."""
    return section(root, SECTION, TamperBook, create=create)


def sweep_lease(root):
    """The sweep's :class:`~govportal.monitoring.lease.Lease`."""
    return get_book(root).lease
