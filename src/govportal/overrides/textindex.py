"""The system catalog's ``text`` index leaves govportal's items out.

Why: Substance D's ``system`` catalog indexes every resource's ``__name__``
(split on ``-_.,``) in a text index, for the SDI's folder filter box.  Our
documents and attachments have generated names (``YYYYMMDD-<hex>``), so every
new item adds a new word to that index's lexicon, and the lexicon numbers its
words in sequence: two editors saving drafts at the same time both append
the next word number to the same bucket, an unresolvable ZODB conflict.
Measured with 16 concurrent writers, most retries of the draft path collided
there.  Nobody filters SDI listings by those random names (the workspace and
the site search find items by title), so documents (working copies
included) and attachments are not put in that index: an index view for their
interfaces returns the default, which the index records as "not indexed"
(a set of object ids; inserts at random ids merge without conflict).

:func:`unindex_generated_names` is the evolution step that applies this to
an existing database.
"""

import logging

from substanced.util import find_catalog, find_objectmap

from ..content.attachment import IAttachment
from ..content.document import IDocument

log = logging.getLogger(__name__)

#: content whose names are generated (``govportal.content.views.new_name``)
GENERATED_NAMES = (IDocument, IAttachment)


def not_in_text_index(resource, default):
    """Index view of ``system``/``text`` for :data:`GENERATED_NAMES`."""
    return default


def unindex_generated_names(root, registry):
    """Evolution step: re-index documents and attachments in the system
    ``text`` index (so their names leave it).  Idempotent."""
    catalog = find_catalog(root, "system")
    if catalog is None or "text" not in catalog:
        return 0
    text = catalog["text"]
    objectmap = find_objectmap(root)
    count = 0
    for iface in GENERATED_NAMES:
        oids = list(catalog["interfaces"].eq(iface).execute().ids)
        for oid in oids:
            resource = objectmap.object_for(oid)
            if resource is not None:
                text.reindex_doc(oid, resource)
                count += 1
    log.info("system text index: %d items with generated names re-indexed", count)
    return count


def includeme(config):
    for iface in GENERATED_NAMES:
        config.add_indexview(
            not_in_text_index, catalog_name="system", index_name="text", context=iface
        )
    config.add_evolution_step(unindex_generated_names, name="govportal.overrides.textindex")
