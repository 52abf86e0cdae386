"""Putting the approved state back.

* **Render cache** — :func:`purge_cache` drops this process's entries of
  the page and its attachments (every host and cookie variant:
  ``PageCache.purge``).  Another process's cache is not reachable from
  here; when the page is still wrong after the purge the sweep *touches*
  the document (a write to the content database), which makes every
  process drop its whole cache at its next lookup (the cache is keyed to
  the database's last transaction id, :mod:`govportal.cache`).
* **Content object** — :func:`restore_fields` sets the fields of the
  approved revision again (:func:`govportal.revisions.snapshot.apply_fields`,
  revisions suspended: putting the approved text back is no new version),
  then fires ``ObjectModified`` so that catalogs and search follow.
* **Attachment bytes** — :func:`restore_blobs` writes the vault's copy as a
  *new blob revision* through ZODB rather than rewriting the damaged file
  in place: the ZODB record is the authority every ZEO client's blob cache
  follows, the attachment's ETag (its serial) changes so that browsers and
  proxies fetch it again, the blob directory's files stay read-only and
  the damaged file is kept in history as evidence until the next pack.
"""

from ...cache import get_page_cache
from ...revisions.snapshot import apply_fields
from ...revisions.store import get_revision, suspended
from ...revisions.workingcopy import notify_modified
from . import vault


def purge_cache(registry, paths):
    """Drop this process's render-cache entries of ``paths``; how many."""
    wanted = set()
    for path in paths:
        wanted.add(path)
        wanted.add(path.rstrip("/"))
    cache = get_page_cache(registry)
    return cache.purge(lambda key: key[3] in wanted)


def restore_fields(registry, document, number):
    """Set the fields of revision ``number`` again; the names changed."""
    revision = get_revision(document, number)
    if revision is None:
        return []
    with suspended(document):
        changed = apply_fields(document, revision.fields)
        if changed:
            notify_modified(document, registry)
    return changed


def restore_blobs(registry, document, records):
    """Write the vault's bytes of ``records`` (baseline attachment records)
    as new blob revisions; returns (restored names, names that could not be:
    attachment gone or vault copy missing)."""
    restored, failed = [], []
    for record in records:
        data = vault.get(registry, record["sha256"])
        attachment = document.get(record["name"]) if hasattr(document, "get") else None
        if data is None or attachment is None:
            failed.append(record["filename"])
            continue
        with attachment.blob.open("w") as out:
            out.write(data)
        restored.append(record["filename"])
    return restored, failed


def touch(document):
    """Write ``document`` unchanged: its commit empties every process's render cache."""
    document._p_changed = True
