"""The search index: a persistent inverted index of bigrams with BM25 ranking.

Why not hypatia's ``TextIndex`` in a Substance D catalog (with our splitter in
its lexicon)?  It was considered and set aside because:

* a catalog index is updated by Substance D *inside the editor's transaction*
  (``IndexActionTM`` defers only to the end of that same transaction), so two
  editors saving different documents write the same posting and lexicon
  buckets and conflict — the very thing deferred indexing must avoid;
* its query parser gives meaning to ``AND OR NOT * " ( )`` in what citizens
  type, and it has no notion of how *many* of a query's terms a document
  holds: the coverage threshold that turns 怎么申请公开政府信息 into results and
  火星移民签证 into none cannot be expressed;
* one discriminator per index: a boosted title, metadata and attachment text
  would need several indexes whose scores cannot be combined into one BM25;
* snippets need the indexed text, which a catalog index does not keep.

So this module keeps, in one persistent :class:`SearchIndex` (in the ZODB root
under ``govportal_search``, outside the content tree), BTrees of its own:

* ``postings``: term → ``IFBTree`` {document number: weighted term
  frequency} (numbers given in indexing order, see :class:`SearchIndex`), where a
  term is a CJK bigram, a CJK character or a word
  (:class:`~govportal.search.splitter.CJKSplitter`), and occurrences count
  ``5×`` in the title, ``3×`` in the metadata (文号, 索引号, 发布机构,
  主题分类), ``2×`` in attachment names and ``1×`` in the body and in
  attachment text (a BM25F-style weighting);
* ``records``: docid → :class:`DocRecord`, the indexed text of the document
  (for phrase checks and snippets), its date, topic and signature;
* ``docnos``/``docids``, ``doclen``, ``dates``, ``topics``, ``years``: the
  docid ↔ number maps, lengths, sort keys and facets.

Docids are Substance D object ids, so results intersect directly with the
catalogs and the object map (workflow state, paths, ACLs).  Only published
documents are in the index.  :class:`SearchIndex`, :class:`DocRecord` and
:data:`AttachmentText` are pickled in the database by their dotted paths
(``govportal.search.index.*``), like the splitter: keep them where they are.

Searching (:meth:`SearchIndex.search`, the algorithms in :mod:`.ranking`):

* **exact** (keyword queries): every segment (or one of its synonym variants)
  must be present, verified as a phrase when it is three or more CJK
  characters or several tokens (a 文号), so 营商环境 does not match a text with
  营商 and 环境 far apart; ranked by BM25;
* **coverage** (questions, and keyword queries exact search cannot answer):
  a document must hold at least :data:`MIN_COVERAGE` of the query's units —
  which is why a plain question finds the documents that answer it and a
  query about something the site does not cover finds nothing rather than
  noise.
"""

import hashlib
import math
from collections import namedtuple

from BTrees.IFBTree import IFBTree
from BTrees.Length import Length
from BTrees.LFBTree import LFTreeSet
from BTrees.LLBTree import LLBTree
from BTrees.LOBTree import LOBTree
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from . import ranking
from . import splitter as splitter_module
from .splitter import fold

#: The index lives in the ZODB root under this key.
INDEX_KEY = "govportal_search"

#: BM25 parameters.
K1 = 1.2
B = 0.75
#: Share of a query's units a document must hold (see :mod:`.ranking`).
MIN_COVERAGE = ranking.MIN_COVERAGE

WEIGHT_TITLE = 5
WEIGHT_META = 3
WEIGHT_ATTACHMENT_NAME = 2
WEIGHT_BODY = 1
WEIGHT_ATTACHMENT_TEXT = 1

#: The text of one attachment as indexed; ``serial`` is its blob's ZODB serial.
AttachmentText = namedtuple("AttachmentText", "oid serial title filename text")


class DocRecord(Persistent):
    """What was indexed for one document."""

    title = ""
    meta = ()  # ((label, value), ...)
    body = ""
    attachments = ()  # (AttachmentText, ...)
    publish_date = None
    topic = ""
    doc_number = ""
    signature = ""
    folded = None  # set when indexed

    def __init__(self, **kw):
        for key, value in kw.items():
            setattr(self, key, value)

    def weighted_fields(self):
        """``[(weight, text)]`` in indexing order."""
        fields = [(WEIGHT_TITLE, self.title)]
        fields.extend((WEIGHT_META, value) for _label, value in self.meta)
        fields.append((WEIGHT_BODY, self.body))
        for att in self.attachments:
            fields.append((WEIGHT_ATTACHMENT_NAME, att.title))
            if att.filename != att.title:
                fields.append((WEIGHT_ATTACHMENT_NAME, att.filename))
            fields.append((WEIGHT_ATTACHMENT_TEXT, att.text))
        return [(w, t) for w, t in fields if t]

    def texts(self):
        return [t for _w, t in self.weighted_fields()]

    def folded_texts(self):
        """:meth:`texts` folded for phrase checks (kept when indexed)."""
        folded = getattr(self, "folded", None)
        if folded is None:
            folded = tuple(fold(t) for t in self.texts())
        return folded

    def snippet_texts(self):
        """Body first, then attachment texts (the title is shown apart)."""
        return [self.body] + [a.text for a in self.attachments]


def signature_of(values):
    """A short stable digest of ``values`` (a tuple of plain values)."""
    return hashlib.blake2b(repr(values).encode("utf-8"), digest_size=16).hexdigest()


Hit = namedtuple("Hit", "docid score coverage")


class SearchIndex(Persistent):
    """The persistent full-text index (see the module documentation).

    Documents are known by their Substance D oid (``docid``) everywhere but
    in the posting lists, which use a small *document number* given in
    indexing order: oids are random 64-bit numbers, so a batch of new
    documents would touch a random bucket of every posting list, while
    numbers in order append to the last one — a bulk build then writes each
    bucket about once instead of once per transaction.
    """

    last_docno = 0

    def __init__(self):
        self.splitter = splitter_module.CJKSplitter()
        self.version = splitter_module.VERSION
        self.postings = OOBTree()  # term -> IFBTree {docno: weight}
        self.records = LOBTree()  # docid -> DocRecord
        self.docnos = LLBTree()  # docid -> docno
        self.docids = LLBTree()  # docno -> docid
        self.doclen = IFBTree()  # docno -> number of terms
        self.dates = LLBTree()  # docid -> publication date's ordinal (0: none)
        self.topics = OOBTree()  # topic -> LFTreeSet of docids
        self.years = LOBTree()  # year -> LFTreeSet of docids
        self.count = Length()
        self.total_length = Length()

    # -- maintenance -------------------------------------------------------
    def is_current(self):
        return getattr(self, "version", None) == splitter_module.VERSION

    def _weights(self, record):
        weights = {}
        length = 0
        for weight, text in record.weighted_fields():
            terms = self.splitter.terms(text)
            length += len(terms)
            for term in terms:
                weights[term] = weights.get(term, 0) + weight
        return weights, length

    def index_doc(self, docid, record):
        """(Re)index ``docid`` with the text and facets of ``record``."""
        docno = self.docnos.get(docid)
        if docid in self.records:
            self.unindex_doc(docid, keep_docno=True)
        if docno is None:
            docno = self.last_docno = self.last_docno + 1
            self.docnos[docid] = docno
            self.docids[docno] = docid
        weights, length = self._weights(record)
        record.folded = tuple(fold(t) for t in record.texts())
        postings = self.postings
        for term, weight in weights.items():
            tree = postings.get(term)
            if tree is None:
                tree = postings[term] = IFBTree()
            tree[docno] = float(weight)
        self.records[docid] = record
        self.doclen[docno] = float(length)
        self.total_length.change(length)
        self.count.change(1)
        date = record.publish_date
        self.dates[docid] = date.toordinal() if date else 0
        if record.topic:
            self._facet(self.topics, record.topic).insert(docid)
        if date:
            self._facet(self.years, date.year).insert(docid)

    def unindex_doc(self, docid, keep_docno=False):
        """Remove ``docid`` (nothing happens if it is not indexed)."""
        record = self.records.get(docid)
        if record is None:
            return False
        docno = self.docnos.get(docid)
        weights, _length = self._weights(record)
        for term in weights:
            tree = self.postings.get(term)
            if tree is not None and docno in tree:
                del tree[docno]
                if not tree:
                    del self.postings[term]
        del self.records[docid]
        self.total_length.change(-int(self.doclen.pop(docno, 0)))
        self.count.change(-1)
        self.dates.pop(docid, None)
        if not keep_docno:
            self.docnos.pop(docid, None)
            self.docids.pop(docno, None)
        for facets, key in ((self.topics, record.topic), (self.years, _year(record))):
            members = facets.get(key) if key else None
            if members is not None and docid in members:
                members.remove(docid)
                if not members:
                    del facets[key]
        return True

    @staticmethod
    def _facet(facets, key):
        members = facets.get(key)
        if members is None:
            members = facets[key] = LFTreeSet()
        return members

    def __len__(self):
        return self.count()

    # -- searching ---------------------------------------------------------
    def topic_set(self, topic):
        return self.topics.get(topic)

    def year_set(self, year):
        return self.years.get(year)

    def _idf(self, post):
        n = max(self.count(), 1)
        df = len(post)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _norms(self):
        n = max(self.count(), 1)
        avg = max(self.total_length() / n, 1.0)
        doclen = self.doclen

        def norm(docno):
            return K1 * (1 - B + B * doclen.get(docno, avg) / avg)

        return norm

    def _bm25(self, terms, docnos):
        """{docno: (score, matched terms)} for ``docnos`` (an iterable)."""
        norm = self._norms()
        docnos = list(docnos)
        norms = {d: norm(d) for d in docnos}
        scores = dict.fromkeys(docnos, 0.0)
        matched = dict.fromkeys(docnos, 0)
        for term in terms:
            post = self.postings.get(term)
            if not post:
                continue
            idf = self._idf(post)
            for docno in docnos:
                tf = post.get(docno)
                if tf:
                    scores[docno] += idf * tf * (K1 + 1) / (tf + norms[docno])
                    matched[docno] += 1
        return {d: (scores[d], matched[d]) for d in docnos}

    def _to_docids(self, docnos, restrict):
        """{docno: docid} of ``docnos`` whose docid is in ``restrict``."""
        docids = self.docids
        out = {}
        for docno in docnos:
            docid = docids.get(docno)
            if docid is not None and (restrict is None or docid in restrict):
                out[docno] = docid
        return out

    def search_exact(self, parsed, restrict=None):
        return ranking.exact(self, parsed, restrict)

    def search_coverage(self, parsed, restrict=None):
        return ranking.coverage(self, parsed, restrict)

    def search(self, parsed, restrict=None, sort="relevance"):
        """Hits for ``parsed`` (a :class:`~govportal.search.query.ParsedQuery`)
        among ``restrict`` (a set of docids; None for all), best first — or
        newest first when ``sort`` is ``'date'``.  Returns ``(hits, mode)``."""
        mode = "exact"
        if not parsed:
            hits = []
        elif parsed.question:
            hits, mode = self.search_coverage(parsed, restrict), "coverage"
        else:
            hits = self.search_exact(parsed, restrict)
            if not hits and ranking.fallback_applies(parsed):
                hits, mode = self.search_coverage(parsed, restrict), "coverage"
        return self.sort(hits, sort), mode

    def browse(self, restrict=None, sort="date"):
        """Every indexed docid in ``restrict`` as hits (filters without a query)."""
        docids = self.records.keys()
        if restrict is not None:
            docids = [d for d in restrict if d in self.records]
        return self.sort([Hit(d, 0.0, 1.0) for d in docids], sort)

    def sort(self, hits, sort):
        dates = self.dates
        if sort == "date":
            return sorted(hits, key=lambda h: (-dates.get(h.docid, 0), -h.score, h.docid))
        return sorted(hits, key=lambda h: (-h.score, -dates.get(h.docid, 0), h.docid))


def _year(record):
    return record.publish_date.year if record.publish_date else None


def get_index(zodb_root):
    """The search index in ``zodb_root`` (a connection's root), or None."""
    return zodb_root.get(INDEX_KEY)
