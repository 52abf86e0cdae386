"""Baselines: the approved state of each published document.

When are they recorded?  By the sweeper, not by an after-commit hook: a
document whose latest revision (recorded by every legitimate change of a
published document: the approval that published it, a working copy's
approval) is not the one its baseline holds gets a new baseline on the next
sweep.  The sweeper sees every process's approvals (a hook sees only its
own), renders the committed state, and a crash between commit and hook
loses nothing.  The cost is that an item is watched from the first sweep
after its approval (``tamper_interval``), not from the second it was
approved.

A baseline is only recorded when the document's fields are still those of
its latest revision: a document altered behind the workflow's back between
its approval and the sweep is not blessed but restored (:mod:`.sweep`).

Published means: a Document in a *listed public* state of its workflow
(``workflow.facts.listed_states``; an archived item is public but unlisted
and drops out).
"""

from pyramid.traversal import find_interface, find_root, resource_path
from substanced.interfaces import IRoot
from substanced.util import find_catalog, get_oid

from ...catalog import CATALOG_NAME
from ...content import IDepartment
from ...revisions.snapshot import document_fields, snapshot_fields
from ...revisions.store import get_revision, latest_revision
from ...sitetime import now_utc
from ...workflow.facts import listed_states
from ...workflow.history import get_history
from . import region, vault
from .book import Baseline
from .fetch import own_prefixes, render_fresh

DOCUMENT = "Document"


def site_of(resource):
    """The site (a department, else the portal) ``resource`` belongs to."""
    return find_interface(resource, IDepartment) or find_interface(resource, IRoot)


def published_oids(root, registry):
    """Oids of the documents that are published now (catalog query)."""
    system = find_catalog(root, "system")
    gov = find_catalog(root, CATALOG_NAME)
    if system is None or gov is None:
        return set()
    query = system["content_type"].eq(DOCUMENT) & gov["state"].any(
        listed_states(registry, DOCUMENT)
    )
    return set(query.execute().ids)


def approved_revision(document):
    """The number of the document's latest revision (0 if none)."""
    revision = latest_revision(document)
    return revision.number if revision is not None else 0


def fields_as_approved(document, number):
    """Whether the document's fields are those of revision ``number``."""
    revision = get_revision(document, number)
    if revision is None:
        return True  # a document without revisions has nothing to compare with
    return document_fields(snapshot_fields(document)) == document_fields(revision.fields)


def serial_of(document):
    """The serial of the document's last committed state (loaded if a ghost)."""
    document._p_activate()
    return document._p_serial


def blob_bytes(attachment):
    with attachment.blob.open("r") as f:
        return f.read()


def page_region(registry, document):
    """``(status, region text)`` of a fresh anonymous render of ``document``."""
    status, body = render_fresh(registry, document)
    prefixes = own_prefixes(registry, find_root(document))
    return status, region.extract(body, own_prefixes=prefixes)


def record(registry, document, previous=None):
    """A new :class:`Baseline` of ``document`` as it is now (its attachments'
    bytes put in the vault), or None when its page does not render (200)."""
    status, text = page_region(registry, document)
    if status != 200 or not text:
        return None
    history = get_history(document)
    last = history[-1] if history else None
    baseline = Baseline(
        oid=get_oid(document),
        path=resource_path(document) + "/",
        site_path=resource_path(site_of(document)),
        revision=approved_revision(document),
        approved_at=getattr(last, "when", None),
        approved_by=getattr(last, "actor_name", ""),
        recorded_at=now_utc(),
    )
    baseline.serial = serial_of(document)
    baseline.region_sha = region.digest(text)
    baseline.region_z = region.pack(text)
    kept = []
    for attachment in document.attachments():
        if render_fresh(registry, attachment, body=False)[0] != 200:
            continue  # not offered to visitors (e.g. held by the content checks)
        data = blob_bytes(attachment)
        kept.append(
            {
                "name": attachment.__name__,
                "path": resource_path(attachment) + "/",
                "filename": attachment.filename or attachment.__name__,
                "size": len(data),
                "sha256": vault.put(registry, data),
            }
        )
    baseline.attachments = tuple(kept)
    return baseline
