"""Inspecting one baselined document: what differs from its approval.

Three looks, each catching a different attack:

``served``
    the page and each attachment fetched through the public URL, as a
    citizen gets them (a tampered render-cache entry, a proxy or web server
    serving something else, a blob file rewritten on disk);
``render``
    the page rendered now in this process (a template or a content object
    changed without a commit through the app would also show here);
``object``
    the document's fields against its approved revision (a field written
    straight into ZODB, behind the workflow's back).

The *render* and *object* looks only run when the document object's serial
is not the one recorded with the baseline: a write to the object, whoever
made it, gives it a new serial, and an unchanged object renders as it did
(a template change shows in the *served* look).  This halves the cost of a
sweep (one render per page instead of two); ``full=True`` looks anyway.

:func:`inspect` returns a :class:`Findings`; empty means all is as approved.
"""

import hashlib
from dataclasses import dataclass, field

from pyramid.traversal import find_root

from . import region
from .baseline import blob_bytes, fields_as_approved, page_region, serial_of
from .fetch import fetcher, own_prefixes


@dataclass
class Findings:
    """What differs: ``kinds`` ⊆ {"object", "render", "served", "blob"};
    ``served``/``render`` the region texts seen (for the diff), ``status``
    the served HTTP status, ``blobs`` the attachment records (baseline's)
    whose served or stored bytes differ, with what was seen."""

    kinds: set = field(default_factory=set)
    status: int = 200
    served: str = ""
    render: str = ""
    blobs: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.kinds)


def served_region(registry, path, root):
    status, body = fetcher(registry, root)(path)
    return status, region.extract(body, own_prefixes=own_prefixes(registry, root))


def served_digest(registry, path, root):
    status, body = fetcher(registry, root)(path)
    return status, hashlib.sha256(body).hexdigest()


def _attachment(document, record):
    try:
        return document[record["name"]]
    except KeyError:
        return None


def inspect(registry, document, baseline, look_served=True, full=False):
    """Compare ``document`` (and what is served of it) with ``baseline``."""
    found = Findings()
    if full or not look_served or serial_of(document) != baseline.serial:
        if not fields_as_approved(document, baseline.revision):
            found.kinds.add("object")
        status, text = page_region(registry, document)
        if status != 200 or region.digest(text) != baseline.region_sha:
            found.kinds.add("render")
            found.render = text
    if look_served:
        status, text = served_region(registry, baseline.path, find_root(document))
        found.status = status
        # unreachable or failing (0, 5xx) is the availability probes' alarm, not ours
        answered = 0 < status < 500
        if answered and (status != 200 or region.digest(text) != baseline.region_sha):
            found.kinds.add("served")
            found.served = text
    for record in baseline.attachments:
        attachment = _attachment(document, record)
        stored = None
        if attachment is not None:
            stored = hashlib.sha256(blob_bytes(attachment)).hexdigest()
        served = None
        if look_served:
            status, served = served_digest(registry, record["path"], find_root(document))
            if not 0 < status < 500:
                served = record["sha256"]  # not answered: not compared
        if stored != record["sha256"] or (look_served and served != record["sha256"]):
            found.kinds.add("blob")
            found.blobs.append(dict(record, stored=stored, served=served))
    return found
