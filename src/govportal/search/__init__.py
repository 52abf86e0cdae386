"""Site-wide Chinese full-text search (文件检索, regulation 第十条).

* :mod:`.splitter` — the CJK-aware splitter (bigrams + single characters +
  whole words); its dotted path is pickled and must stay stable;
* :mod:`.query` — cleaning and segmenting what citizens type, question words,
  highlighting and snippets;
* :mod:`.docnumbers`, :mod:`.stopwords`, :mod:`.synonyms`, :mod:`.expand` —
  how citizens ask: 文号 in every form, question words and fillers, the
  synonym dictionary (seed ``etc/search-synonyms.txt``, edited in 管理 →
  检索同义词, :mod:`.views_synonyms`), segment variants and coverage units;
* :mod:`.index` and :mod:`.ranking` — the persistent inverted index with BM25
  ranking, exact (phrase-checked) and coverage search, and why it is not a
  hypatia index;
* :mod:`.extract` — text of HTML bodies and of PDF, DOCX, XLSX (and PPTX, OFD,
  TXT, CSV) attachments;
* :mod:`.indexer` and :mod:`.subscribers` — deferred indexing: editors'
  transactions never write to the index;
* :mod:`.sources` — what is indexed: documents, and the content types other
  aspects register with ``config.add_search_source`` (service guides);
* :mod:`.views` — ``/search`` and ``/<department>/search``; :mod:`.filters` — the
  columns its filters offer and the closed containers it leaves out;
* :mod:`.script` — ``govportal-index``: check, reconcile or rebuild the index.

Settings (all optional):

``govportal.search.worker``
    ``thread`` (default): a background indexer thread per process;
    ``inline``: queued work is done at the start of the next search request.
``govportal.search.flush_timeout``
    Seconds a search waits for the process's queued indexing (default 3).
``govportal.search.check_at_start``
    Compare every document with the index when a process starts searching
    (default true; the index is built anyway when it is missing).
"""

import re

from pyramid.events import NewRequest
from pyramid.settings import asbool
from substanced.event import IObjectAdded, IObjectModified, IObjectRemoved
from zope.interface import Interface

from ..workflow.events import IContentTransitioned
from .indexer import Indexer, get_indexer

#: Paths whose requests wait for queued indexing (``/search``, ``/jyj/search``).
SEARCH_PATH = re.compile(r"/(?:@@)?search/?$")


def flush_before_search(event):
    """Before a search request opens its connection, let this process's queued
    indexing finish (so it sees what was just published); any request lets
    the indexer start its thread when work comes."""
    request = event.request
    indexer = get_indexer(request.registry)
    if indexer is None:
        return
    indexer.serving = True
    if request.method in ("GET", "HEAD") and SEARCH_PATH.search(request.path_info or ""):
        indexer.flush()


def includeme(config):
    settings = config.registry.settings
    mode = settings.get("govportal.search.worker", "thread").strip()
    if mode not in ("thread", "inline"):
        from pyramid.exceptions import ConfigurationError

        raise ConfigurationError(f"govportal.search.worker must be thread or inline, not {mode!r}")
    config.registry.govportal_search = Indexer(
        config.registry,
        mode=mode,
        flush_timeout=float(settings.get("govportal.search.flush_timeout", 3.0)),
        check_at_start=asbool(settings.get("govportal.search.check_at_start", True)),
    )
    from . import subscribers
    from .indexer import DocumentSource
    from .sources import add_search_source

    # other aspects add their content types (govportal.search.sources)
    config.add_directive("add_search_source", add_search_source)
    config.add_search_source(DocumentSource())
    config.add_subscriber(subscribers.content_changed, [IObjectModified, Interface])
    config.add_subscriber(subscribers.content_changed, [IObjectAdded, Interface, Interface])
    config.add_subscriber(subscribers.content_removed, [IObjectRemoved, Interface, Interface])
    config.add_subscriber(subscribers.content_transitioned, IContentTransitioned)
    config.add_subscriber(flush_before_search, NewRequest)
    config.scan(".views")
    config.scan(".views_synonyms")
