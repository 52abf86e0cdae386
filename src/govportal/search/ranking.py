"""The two searches of :class:`~.index.SearchIndex`: exact and coverage.

**Exact** (keyword queries): for every segment of the query, a document must
hold one of the segment's variants (the segment, or the segment with a
dictionary term replaced by a synonym: :func:`.expand.variants`) — all its
terms, and, for a variant of three or more CJK characters or several tokens
(a 文号), the variant as a phrase in one field.  Ranked by BM25 of the words
as typed where a document holds them, else of the synonym it holds; a
document whose own 文号 is the one asked for comes first
(:data:`DOC_NUMBER_BOOST`).

**Coverage** (questions; keyword queries exact search cannot answer): the
query's units (:func:`.expand.units`) are counted in each document, each
with its weight (:mod:`.weights`: informativeness; a word no document holds
weighs double; a pair straddling a word boundary not at all), a unit with
synonyms by its best alternative — and a document must hold at least :data:`MIN_COVERAGE` of them: a
question finds the documents that answer it, a question about something
the site does not hold finds nothing.  Scores are BM25 times the square of
the coverage, with a bonus for fragments found verbatim.
"""

import re

from BTrees.IFBTree import intersection as ifintersection
from BTrees.IFBTree import union as ifunion

from . import weights as weights_
from .splitter import fold
from .weights import MIN_COVERAGE

#: A keyword query with at least this many terms falls back to coverage search.
LONG_QUERY_TERMS = 6
#: Coverage results re-ranked with the verbatim-fragment bonus.
RERANK = 200
#: At most this many candidates (the best by BM25) are phrase-checked.
MAX_VERIFY = 2000
#: Score factor of the document bearing the 文号 searched for.
DOC_NUMBER_BOOST = 4.0

_REGEX_CACHE = {}


def compile_pattern(pattern):
    rx = _REGEX_CACHE.get(pattern)
    if rx is None:
        if len(_REGEX_CACHE) > 1000:
            _REGEX_CACHE.clear()
        rx = _REGEX_CACHE[pattern] = re.compile(pattern)
    return rx


def _candidates(index, terms):
    """IFBTree-like docnos holding every term (None if one is unknown)."""
    posts = [index.postings.get(t) for t in terms]
    if not terms or any(not p for p in posts):
        return None
    found = None
    for post in sorted(posts, key=len):
        found = post if found is None else ifintersection(found, post)
        if not found:
            return None
    return found


def exact(index, parsed, restrict=None):
    from .index import Hit

    groups = parsed.segment_variants()
    if not groups:
        return []
    allowed = None
    per_segment = []  # [(variant, docnos)] per segment
    for variants in groups:
        found = []
        union = None
        for variant in variants:
            docnos = _candidates(index, variant.terms)
            if docnos is not None:
                found.append((variant, docnos))
                union = docnos if union is None else ifunion(union, docnos)
        if union is None:
            return []
        allowed = union if allowed is None else ifintersection(allowed, union)
        if not allowed:
            return []
        per_segment.append(found)
    docids = index._to_docids(allowed, restrict)
    scores = dict.fromkeys(docids, 0.0)
    for found in per_segment:
        # the words as typed first; a synonym only for documents without them
        remaining = set(scores)
        matched = {}
        for variant, docnos in found:
            if not remaining:
                break
            if len(found) == 1:
                members = list(remaining)
            else:
                members = [d for d in ifintersection(docnos, allowed).keys() if d in remaining]
            scored = index._bm25(variant.terms, members)
            for d in _verified(index, variant, members, scored, docids):
                matched[d] = scored[d][0]
                remaining.discard(d)
        scores = {d: scores[d] + value for d, value in matched.items()}
    numbers = [compile_pattern(v.pattern) for vs in groups for v in vs if v.is_doc_number]
    hits = []
    for d, score in scores.items():
        if numbers and _bears(index, docids[d], numbers):
            score *= DOC_NUMBER_BOOST
        hits.append(Hit(docids[d], score, 1.0))
    return hits


def _verified(index, variant, members, scored, docids):
    """The members whose text holds ``variant`` as a phrase (when needed)."""
    if not variant.needs_check:
        return members
    best = sorted(members, key=lambda d: -scored[d][0])[:MAX_VERIFY]
    rx = compile_pattern(variant.pattern)
    out = []
    for d in best:
        record = index.records.get(docids[d])
        if record is not None and any(rx.search(t) for t in record.folded_texts()):
            out.append(d)
    return out


def _bears(index, docid, regexes):
    record = index.records.get(docid)
    number = fold(getattr(record, "doc_number", "") or "") if record is not None else ""
    return bool(number) and any(rx.search(number) for rx in regexes)


def coverage(index, parsed, restrict=None):
    from .index import K1, B, Hit

    counted = weights_.counted(index, parsed.units)
    extras = [u for u, _w, _k in counted if u.optional]
    counted = [(u, w, k) for u, w, k in counted if not u.optional]
    if not counted:
        return []
    units = [u for u, _w, _k in counted]
    # a unit no document holds weighs double: the query is about something else
    size = sum(w for _u, w, _k in counted)
    known = sum(w for _u, w, k in counted if k)
    need = MIN_COVERAGE * size - 1e-9
    if known < need:
        return []  # too few of the units are anywhere in the index
    weights = _term_weights(index, [t for u in units + extras for t in u.terms], K1, B)
    credit = {}  # docno -> weight of the units covered
    score = {}  # docno -> BM25 of the best alternative of each unit
    for unit, weight, _known in counted:
        for docno, (share, value) in _unit_matches(unit, weights).items():
            credit[docno] = credit.get(docno, 0.0) + share * weight
            score[docno] = score.get(docno, 0.0) + value
    scored = []
    for docno, covered in credit.items():
        if covered >= need:
            bonus = sum(weights.get(u.texts[0], {}).get(docno, 0.0) for u in extras)
            scored.append((docno, score[docno] + bonus, covered / size))
    docids = index._to_docids([d for d, _s, _c in scored], restrict)
    hits = [Hit(docids[d], s * c * c, c) for d, s, c in scored if d in docids]
    hits.sort(key=lambda h: -h.score)
    return _phrase_bonus(index, parsed, hits)


def _term_weights(index, terms, k1, b):
    """{term: {docno: BM25 weight}} of the terms the index holds."""
    doclen = index.doclen
    n = max(index.count(), 1)
    avg = max(index.total_length() / n, 1.0)
    out = {}
    for term in dict.fromkeys(terms):
        post = index.postings.get(term)
        if not post:
            continue
        idf = index._idf(post) * (k1 + 1)
        base = k1 * (1 - b)
        per = k1 * b / avg
        out[term] = {
            docno: idf * tf / (tf + base + per * doclen.get(docno, avg))
            for docno, tf in post.items()
        }
    return out


def _unit_matches(unit, weights):
    """{docno: (share, score)}: the best alternative of ``unit`` in each
    document where one is covered (at least :data:`MIN_COVERAGE` of its terms)."""
    if len(unit.alternatives) == 1 and len(unit.alternatives[0]) == 1:
        found = weights.get(unit.alternatives[0][0], {})
        return {docno: (1.0, value) for docno, value in found.items()}
    best = {}
    for alt in unit.alternatives:
        count, total = {}, {}
        for term in alt:
            for docno, value in weights.get(term, {}).items():
                count[docno] = count.get(docno, 0) + 1
                total[docno] = total.get(docno, 0.0) + value
        for docno, matched in count.items():
            share = matched / len(alt)
            if share >= MIN_COVERAGE:
                old = best.get(docno)
                if old is None or (share, total[docno]) > old:
                    best[docno] = (share, total[docno])
    return best


def _phrase_bonus(index, parsed, hits):
    """Fragments (or a synonym of one) found verbatim raise the score."""
    groups = []
    for fragment in parsed.fragments:
        if not fragment.needs_check:
            continue
        alts = [fragment.pattern]
        for unit in parsed.units:
            if not unit.plain and len(unit.texts) > 1 and unit.texts[0] in fragment.text:
                key = unit.texts[0]
                alts.extend(re.escape(fragment.text.replace(key, t)) for t in unit.texts[1:])
        groups.append([compile_pattern(p) for p in alts])
    if not groups:
        return hits
    head = []
    for hit in hits[:RERANK]:
        record = index.records.get(hit.docid)
        texts = record.folded_texts() if record is not None else ()
        found = sum(1 for group in groups if any(rx.search(t) for rx in group for t in texts))
        head.append(hit._replace(score=hit.score * (1 + 0.5 * found / len(groups))))
    hits[:RERANK] = head
    return hits


def fallback_applies(parsed):
    """True if a keyword query exact search cannot answer gets a coverage
    search: a long one (:data:`LONG_QUERY_TERMS` terms), or one in everyday
    words (it holds a dictionary term: 社保卡补办).  A short official phrase
    (营商环境) stays a phrase."""
    if len(parsed.coverage_terms) >= LONG_QUERY_TERMS:
        return True
    counted = [u for u in parsed.units if not u.optional]
    return len(counted) >= 2 and any(len(u.alternatives) > 1 for u in counted)
