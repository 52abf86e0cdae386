"""Migration of existing bodies to references (idempotent).

Bodies saved before references existed carry absolute URLs with the host
the editor used (``http://127.0.0.1:6543/...``, ``http://localhost/...``),
the public URL or site-relative paths.  :func:`migrate_bodies` rewrites
every document's and working copy's body with
:func:`~govportal.media.references.to_references`, reading those hosts as
this site's.  It runs from ``setup_portal`` (``govportal-init``) and as a
Substance D evolution step; a body already in reference form is left as it
is, and a marker on the root makes later runs free.
"""

import logging

from pyramid.request import Request
from pyramid.traversal import find_root

from ..content import IDocument
from .references import to_references
from .store import ensure_pending_register

log = logging.getLogger(__name__)

#: bump to run the migration again on every site
VERSION = 1
MARKER = "_govportal_media_migrated"
#: hosts the development server and earlier editors used
LEGACY_HOSTS = ("127.0.0.1:6543", "localhost:6543", "localhost", "127.0.0.1", "0.0.0.0:6543")


def _documents(container):
    values = getattr(container, "values", None)
    if values is None:
        return
    for child in values():
        if IDocument.providedBy(child):
            yield child
        if hasattr(child, "values") and not getattr(child, "__is_service__", False):
            yield from _documents(child)


def _request(root, registry):
    request = Request.blank("/", base_url="http://127.0.0.1:6543")
    request.registry = registry
    request.root = root
    return request


def migrate_bodies(root, registry, force=False):
    """Store every body's links to site content by reference; returns the
    number of bodies changed (0 when the site was migrated already)."""
    root = find_root(root)
    ensure_pending_register(root)
    if not force and getattr(root, MARKER, 0) >= VERSION:
        return 0
    request = _request(root, registry)
    changed = 0
    for document in _documents(root):
        body = getattr(document, "body", "") or ""
        new = to_references(body, request, document, extra_hosts=LEGACY_HOSTS)
        if new != body:
            document.body = new
            changed += 1
    setattr(root, MARKER, VERSION)
    if changed:
        log.info("links by reference: %d bodies migrated", changed)
    return changed


def evolve_bodies(root, registry):
    """Substance D evolution step (``sd_evolve``)."""
    migrate_bodies(root, registry)
