"""What a parsed query searches for: segment variants and coverage units.

:func:`variants` — the exact search's alternatives for one segment: the
segment itself, and the segment with a dictionary term replaced by each of its
synonyms (社保卡补办 → 社会保障卡补办); a document must hold, for every
segment, one of its variants.

:func:`fragments` — what the coverage search looks at: the query with its
question words and fillers cut out (a dictionary term is kept whole).

:func:`units` — what the coverage search counts.  A fragment (what is left of
the query once question words and particles are gone) is *not* segmented
into words before bigramming, except where the synonym dictionary knows a
term: each dictionary term becomes one unit whose alternatives are the term
and its synonyms (公积金 | 住房公积金), and the text between two terms gives
one unit per character bigram.  So 社保卡丢了补办 counts 社保卡-or-社会保障卡
and 补办, and the pair 卡补 that straddles two words is never asked for.  A
bigram unit that no document holds at all while both its neighbours are
known (a pair across a word boundary the dictionary does not know) is left
out of the count by the index (:meth:`.index.SearchIndex.search_coverage`).

A single aspect marker or particle inside a term (献过血, 办了证) adds a
*bridge* unit, the pair without it (献血, 办证): counted where documents hold
it, dropped where none does.
"""

from dataclasses import dataclass

from .splitter import MAX_WORD, TOKEN_RE, bigrams, is_cjk

#: At most this many variants of one segment are searched.
MAX_VARIANTS = 12
#: Inserted between the two characters of a term in speech (献过血, 办了证).
INSERTED = "过了着"


@dataclass(frozen=True)
class Unit:
    """One thing a coverage match counts: any of ``alternatives`` (tuples of
    terms), shown as ``texts``; ``run`` and ``plain`` say where it stands
    (units of one run are adjacent in the query; plain: a bigram of text the
    dictionary does not know); an optional unit (a lone character when
    longer units exist) raises the score but is not counted."""

    alternatives: tuple
    texts: tuple
    run: int
    plain: bool
    optional: bool = False
    bridge: bool = False

    @property
    def terms(self):
        return tuple(dict.fromkeys(t for alt in self.alternatives for t in alt))


def terms_of(text):
    """Index terms of a (folded) dictionary term or query piece."""
    out = []
    for m in TOKEN_RE.finditer(text):
        token = m.group(0)
        if m.group("cjk"):
            out.extend(bigrams(token) if len(token) > 1 else [token])
        elif len(token) <= MAX_WORD:
            out.append(token)
    return tuple(dict.fromkeys(out))


def variants(segment, dictionary, make_segment):
    """The segment and its synonym variants (``make_segment(tokens)`` builds
    one), the segment first."""
    out = [segment]
    if not dictionary:
        return out
    tokens = segment.tokens
    for i, (kind, token) in enumerate(tokens):
        if kind != "cjk":
            continue
        found = dictionary.find(token)
        for start, end, term in found:
            for alt in dictionary.alternatives(term):
                text = token[:start] + alt + token[end:]
                out.append(make_segment(_retokenised(tokens, i, text)))
        if len(found) > 1:
            text = token
            for start, end, term in reversed(found):
                text = text[:start] + dictionary.alternatives(term)[0] + text[end:]
            out.append(make_segment(_retokenised(tokens, i, text)))
    unique = {}
    for variant in out:
        unique.setdefault(tuple(variant.tokens), variant)
    return list(unique.values())[:MAX_VARIANTS]


def _retokenised(tokens, index, text):
    """``tokens`` with the ``index``-th replaced by the tokens of ``text``."""
    new = [("cjk" if m.group("cjk") else "word", m.group(0)) for m in TOKEN_RE.finditer(text)]
    return list(tokens[:index]) + new + list(tokens[index + 1 :])


def fragments(segments, pattern, synonyms, make_segment):
    """Fragments: CJK tokens with the stop words cut out, split where they
    were; a dictionary term is kept whole (走了, 家里穷, 要工资)."""
    out = []
    for segment in segments:
        for kind, token in segment.tokens:
            if kind == "word":
                out.append(make_segment([(kind, token)]))
                continue
            for piece in _protected_split(token, pattern, synonyms):
                if piece:
                    out.append(make_segment([("cjk", piece)]))
    return out


def _protected_split(token, pattern, synonyms):
    """``pattern.split(token)`` outside the dictionary terms of ``token``; a
    term stays joined to the text around it when no stop word stands between."""
    found = synonyms.find(token) if synonyms else []
    if not found:
        return pattern.split(token)
    pieces = [""]
    pos = 0
    for start, end, term in found:
        parts = pattern.split(token[pos:start])
        pieces[-1] += parts[0]
        pieces.extend(parts[1:])
        pieces[-1] += term
        pos = end
    parts = pattern.split(token[pos:])
    pieces[-1] += parts[0]
    pieces.extend(parts[1:])
    return pieces


def units(fragments, dictionary):
    """The coverage units of ``fragments`` (Segments of one token each)."""
    runs = []
    for fragment in fragments:
        for kind, token in fragment.tokens:
            if kind == "word":
                if len(token) <= MAX_WORD:
                    runs.append([Unit(((token,),), (token,), 0, False)])
                continue
            runs.append(_cjk_units(token, dictionary))
    several = any(len(u.texts[0]) > 1 or not u.plain for run in runs for u in run)
    out = []
    for number, run in enumerate(runs):
        for unit in run:
            # single characters count only when nothing longer is asked
            optional = several and unit.plain and len(unit.texts[0]) == 1
            out.append(
                Unit(unit.alternatives, unit.texts, number, unit.plain, optional, unit.bridge)
            )
    return out


def _cjk_units(text, dictionary):
    found = dictionary.find(text) if dictionary else []
    units_ = []
    pos = 0
    for start, end, term in found:
        units_.extend(_plain(text[pos:start]))
        alts = (term,) + tuple(dictionary.alternatives(term))
        alternatives = tuple(dict.fromkeys(terms_of(a) for a in alts if terms_of(a)))
        units_.append(Unit(alternatives, alts, 0, False))
        pos = end
    units_.extend(_plain(text[pos:]))
    return units_


def _plain(text):
    if not text:
        return []
    if len(text) == 1:
        return [Unit(((text,),), (text,), 0, True)]
    out = [Unit(((b,),), (b,), 0, True) for b in bigrams(text)]
    for i in range(1, len(text) - 1):
        if text[i] in INSERTED and text[i - 1] not in INSERTED and is_cjk(text[i + 1]):
            pair = text[i - 1] + text[i + 1]
            out.append(Unit(((pair,),), (pair,), 0, True, bridge=True))
    return out
