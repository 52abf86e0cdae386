"""Note, in the editor's transaction, which documents the search index must
revisit; hand them to the indexer only once that transaction has committed.

Nothing here writes to the database (see :mod:`govportal.search.indexer`).
"""

import transaction
from pyramid.threadlocal import get_current_registry
from substanced.util import get_oid

from ..content import IAttachment
from .indexer import get_indexer
from .sources import source_for

_KEY = "govportal.search.pending"


def _transaction_of(*objects):
    """The transaction that will commit changes to ``objects``: the one of
    the first object's connection (requests use their own transaction manager,
    scripts the thread's)."""
    for obj in objects:
        jar = getattr(obj, "_p_jar", None)
        if jar is not None and getattr(jar, "transaction_manager", None) is not None:
            return jar.transaction_manager.get()
    return transaction.get()


def _after_commit(status, indexer, oids):
    if status:
        indexer.enqueue(sorted(oids))


def note(registry, oids, *objects):
    """Queue ``oids`` for indexing when the transaction of ``objects`` commits."""
    indexer = get_indexer(registry or get_current_registry())
    oids = {oid for oid in oids if oid is not None}
    if indexer is None or not oids:
        return
    txn = _transaction_of(*objects)
    try:
        pending = txn.data(indexer)
    except KeyError:
        pending = set()
        txn.set_data(indexer, pending)
        txn.addAfterCommitHook(_after_commit, args=(indexer, pending))
    pending.update(oids)


def _document_of(obj, registry=None):
    """The indexed object ``obj`` is, or belongs to (an attachment), or None."""
    registry = registry or get_current_registry()
    if source_for(registry, obj) is not None:
        return obj
    if IAttachment.providedBy(obj):
        parent = getattr(obj, "__parent__", None)
        if source_for(registry, parent) is not None:
            return parent
    return None


def _registry(event):
    registry = getattr(event, "registry", None)
    if registry is None:
        request = getattr(event, "request", None)
        registry = getattr(request, "registry", None)
    return registry


def content_changed(event, *_args):
    """A document or an attachment was modified or added."""
    if getattr(event, "loading", False):
        return
    doc = _document_of(event.object, _registry(event))
    if doc is not None:
        note(_registry(event), [get_oid(doc, None)], doc, getattr(event, "parent", None))


def content_removed(event, *_args):
    """Something was removed: every document in it (and the document an
    attachment belonged to) is revisited — the indexer finds them gone."""
    if getattr(event, "loading", False):
        return
    parent = event.parent
    oids = set(event.removed_oids or ())
    if _document_of(parent, _registry(event)) is parent:
        oids.add(get_oid(parent, None))
    if oids:
        note(_registry(event), oids, parent)


def content_transitioned(event):
    doc = _document_of(event.content, _registry(event))
    if doc is not None:
        note(_registry(event), [get_oid(doc, None)], doc)
