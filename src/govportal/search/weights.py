"""Which coverage units count, and how much (see :func:`.ranking.coverage`).

A query's units (:func:`.expand.units`) are not all equally telling.  A known
unit weighs its informativeness in the index: the IDF of its most specific
alternative against that of a term in a tenth of the documents (国家, 规定
weigh little; 拖拉机, 产假 fully).  A unit no document holds is either
something the site lacks — it weighs :data:`UNKNOWN_WEIGHT`, once for the
bigrams of one absent word — or an artefact of not segmenting the query: a
pair across a word boundary at a function character (买|拖拉机, 在|楼道, 开个|
小店), a pair between two known neighbours, the halves of 献过血 beside the
bridge 献血.  Those do not count at all.  So everyday filler cannot veto a
document, and one generic word shared with the site (许可, 补贴) is never
enough for a query whose distinctive words the site lacks (航天发射许可).
"""

import math

from .expand import INSERTED
from .stopwords import FUNCTION_CHARS, GLUE_CHARS

#: Share of a query's units (by weight) a document must hold in coverage
#: search; also the share of a multi-term alternative's terms that covers it.
MIN_COVERAGE = 0.65
#: Weight, in the coverage count, of a unit no indexed document holds.
UNKNOWN_WEIGHT = 2
#: A unit in this share of the documents (or fewer) is fully informative.
COMMON_SHARE = 0.1
#: Least weight of a known unit (one in most documents).
MIN_UNIT_WEIGHT = 0.25
#: Weight factor of a known bigram of glue characters (能在, 里充).
GLUE_FACTOR = 0.5


def counted(index, units):
    """``[(unit, weight, known)]``: the units that count and their weight.

    A unit no document holds is left out when it cannot name something the
    site lacks: a bridge (献过血 → 献血) no document holds, a bigram across
    a function character's boundary (买|拖拉机, :func:`_boundary`) or one between two known
    neighbours (a pair across a word boundary the dictionary does not know).
    Any other unknown unit weighs :data:`UNKNOWN_WEIGHT`, once for a run of
    them (the bigrams of one word the site lacks: 电瓶|瓶车).  A known unit weighs
    its informativeness (:func:`_informativeness`), half for a bigram of glue
    (能在, 里充)."""
    known = [coverable(index, u) for u in units]
    main = [i for i, u in enumerate(units) if not u.bridge]
    position = {i: k for k, i in enumerate(main)}
    ref = _reference_idf(index)
    counted = []
    for i, unit in enumerate(units):
        if not known[i]:
            if unit.bridge or _boundary(units, known, main, position, i):
                continue
            if unit.plain and len(unit.texts[0]) == 2:
                k = position[i]
                before = k > 0 and _same_run(units, main[k - 1], unit) and known[main[k - 1]]
                after = (
                    k + 1 < len(main) and _same_run(units, main[k + 1], unit) and known[main[k + 1]]
                )
                if before and after:
                    continue
            previous = main[position[i] - 1] if position[i] > 0 else None
            if (
                unit.plain
                and counted
                and previous is not None
                and counted[-1][0] is units[previous]
                and not counted[-1][2]
                and units[previous].plain
                and _same_run(units, previous, unit)
            ):
                # the next bigram of the same absent word (电瓶|瓶车): one word
                counted.append((unit, 0.0, False))
                continue
            counted.append((unit, UNKNOWN_WEIGHT, False))
            continue
        weight = _informativeness(index, unit, ref)
        if unit.plain and any(c in GLUE_CHARS for c in unit.texts[0]):
            weight *= GLUE_FACTOR
        counted.append((unit, weight, True))
    return counted


def _boundary(units, known, main, position, i):
    """True if the unknown bigram ``units[i]`` straddles a word boundary at a
    function character: both its characters are function characters (能在),
    or one is and the other belongs to a known neighbour (买|拖拉机: 买拖 next
    to 拖拉).  上市 in 公司上市 is no boundary: 市 belongs to nothing known."""
    unit = units[i]
    text = unit.texts[0]
    if not unit.plain or len(text) != 2:
        return False
    glue = [c in FUNCTION_CHARS for c in text]
    if all(glue):
        return True
    for j, other in enumerate(units):  # 献过|过血 beside a known bridge 献血
        if other.bridge and known[j] and other.run == unit.run:
            pair = other.texts[0]
            if (text[1] in INSERTED and pair[0] == text[0]) or (
                text[0] in INSERTED and pair[1] == text[1]
            ):
                return True
    k = position[i]
    before = main[k - 1] if k > 0 and _same_run(units, main[k - 1], unit) else None
    after = main[k + 1] if k + 1 < len(main) and _same_run(units, main[k + 1], unit) else None
    if glue[1] and before is None:  # 开个|小店: a leading verb, glue, a known term
        return after is not None and known[after]
    if glue[1]:  # 在楼|楼道 … the content character is the first
        j = before
        return known[j] and units[j].texts[0].endswith(text[0])
    if glue[0] and k + 1 < len(main):
        j = main[k + 1]
        return _same_run(units, j, unit) and known[j] and units[j].texts[0].startswith(text[1])
    return False


def _same_run(units, j, unit):
    return units[j].run == unit.run


def _reference_idf(index):
    """IDF of a term in :data:`COMMON_SHARE` of the documents: a unit that
    rare or rarer is fully informative."""
    n = max(index.count(), 1)
    df = max(1.0, COMMON_SHARE * n)
    return max(math.log(1 + (n - df + 0.5) / (df + 0.5)), 1e-6)


def _informativeness(index, unit, ref):
    """Between :data:`MIN_UNIT_WEIGHT` and 1: the IDF of the unit's most
    specific alternative (mean over its terms the index holds) against
    :func:`_reference_idf` — 国家 or 规定, in half the documents, weigh
    little; 拖拉机 or 产假 fully."""
    best = 0.0
    for alt in unit.alternatives:
        idfs = [index._idf(p) for p in (index.postings.get(t) for t in alt) if p]
        if idfs:
            best = max(best, sum(idfs) / len(idfs))
    return min(1.0, max(MIN_UNIT_WEIGHT, best / ref))


def coverable(index, unit):
    postings = index.postings
    return any(
        sum(1 for t in alt if postings.get(t)) >= MIN_COVERAGE * len(alt)
        for alt in unit.alternatives
    )
