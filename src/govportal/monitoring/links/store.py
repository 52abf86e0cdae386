"""What the crawler keeps in the monitor database (section ``links``).

:class:`LinkSection` holds

``lease``
    a :class:`govportal.monitoring.lease.Lease`: which process runs the
    crawler now and until when;
    written when a process takes it, renews it (after each batch) and
    gives it back, so the 16 processes of a busy server never crawl twice;
``run``
    the :class:`RunState` of the run under way (or resumed next time): the
    items still to read (their object ids, by a cursor), what was found so
    far, the external URLs already checked in this run;
``sites``
    one :class:`SiteLinks` per site (the portal or a department), replaced
    whole at the end of each run: the broken and the suspect links with the
    page, the link, the status, the reason, first seen, last checked and
    the editor;
``next_run``
    when the next run is due; ``pending`` what the alarms must say after
    the last finished run (applied by the scheduler's next round).

Each part is its own persistent object so that a batch writes only the
run state, and the end of a run writes only the sites that changed.
"""

from BTrees.LOBTree import LOBTree
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from persistent.mapping import PersistentMapping

from ..lease import Lease
from ..store import section

SECTION = "links"


class RunState(Persistent):
    """One crawl, possibly spread over several slices."""

    def __init__(self, run_id, started):
        self.run_id = run_id
        self.started = started
        self.todo = LOBTree()  # oid -> None: the items to read, in oid order
        self.cursor = None  # the last oid read
        # item oid -> tuple of its findings (dicts) other than good links:
        # batches go in oid order, so each appends to the tree's last bucket
        self.found = LOBTree()
        self.checked = OOBTree()  # external URL -> (verdict, status, reason)
        self.rechecked = OOBTree()  # suspect URL -> (verdict, status, reason)
        self.pages = 0
        self.links = 0
        self.slices = 0

    def findings(self):
        """Every finding of the run so far, item by item."""
        for records in self.found.values():
            yield from records


class SiteLinks(Persistent):
    """The last finished run's findings for one site."""

    def __init__(self, site_path):
        self.site_path = site_path
        self.broken = OOBTree()  # (item path, target) -> record dict
        self.suspect = OOBTree()
        self.editors = LOBTree()  # editor id -> keys of ``broken`` (the workspace's lists)
        self.checked = None
        self.pages = 0
        self.links = 0

    def index_editors(self):
        """Fill :attr:`editors` from :attr:`broken` (once, when filled)."""
        found = {}
        for key, record in self.broken.items():
            if record.get("editor_id") is not None:
                found.setdefault(record["editor_id"], []).append(key)
        for editor_id, keys in found.items():
            self.editors[editor_id] = tuple(keys)

    def broken_of(self, editor_id):
        """The broken links in items ``editor_id`` last edited."""
        try:
            keys = self.editors.get(int(editor_id), ())
        except (TypeError, ValueError):
            return []
        return [self.broken[k] for k in keys if k in self.broken]


class LinkSection(Persistent):
    def __init__(self):
        self.lease = Lease()
        self.run = None
        self.sites = OOBTree()
        self.next_run = None
        self.last_finished = None
        self.pending = PersistentMapping()  # run_id, counts by site path


def links_section(obj, create=True):
    return section(obj, SECTION, LinkSection, create=create)


def site_links(obj, site_path):
    """The :class:`SiteLinks` of ``site_path`` (None before its first run)."""
    found = links_section(obj, create=False)
    return found.sites.get(site_path) if found is not None else None
