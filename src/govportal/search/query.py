"""Citizens' queries: cleaning, segmentation, question words, highlighting.

A query is cleaned (control characters dropped, at most :data:`MAX_QUERY`
characters), folded like indexed text (:func:`~govportal.search.splitter.fold`:
fullwidth to ASCII, lowercase, every bracket to 〔〕) and cut into *segments*:

* whitespace and punctuation (、，。；：“”《》 …) separate segments: each must
  be found, in any order — ``教育，招生`` finds documents with both words;
* brackets *join*: 营府发〔2019〕12号, 营府发[2019]12号, 营府发(2019)12号 and
  营府发（2019）12号 are one segment, the tokens 营府发 · 2019 · 12 · 号 in this
  order with at most brackets and spaces between them;
* a segment's terms are the splitter's: bigrams of its CJK runs (a single
  character stays a unigram) and whole words.

A *question* (it holds a question word such as 怎么 / 如何 / 哪里 / 什么, a
personal pronoun, or ends with 吗 / 呢 / ？) is not searched as a phrase: its
question words and particles are removed (怎么申请公开政府信息 → 申请公开政府信息),
and what remains forms the *fragments* whose bigrams are ranked by the index's
coverage search.  Keyword queries get fragments too, with question words and 的
removed, for the fallback of long queries (see :mod:`govportal.search.index`).

With a synonym dictionary (:mod:`.synonyms`), each segment also has its
*variants* (a dictionary term replaced by a synonym) and the fragments become
coverage *units* (:mod:`.expand`).  文号 typed without brackets
(国办发2021年3号, 国办发20213号) are first written the printed way
(:mod:`.docnumbers`).
"""

import html
import re
from dataclasses import dataclass, field

from . import docnumbers, expand
from .splitter import MAX_WORD, TOKEN_RE, WORD_CLASS, bigrams, fold
from .stopwords import FILLERS, PARTICLES, QUESTION_WORDS

#: Longest query kept (characters, after cleaning).
MAX_QUERY = 100
#: At most this many distinct terms are searched.
MAX_TERMS = 64

#: A query with one of these is a question.
QUESTION_MARKERS = re.compile("|".join(QUESTION_WORDS) + r"|[我您你]|[吗呢嘛?？]\s*$")
_STOP = "|".join(sorted(QUESTION_WORDS + FILLERS, key=len, reverse=True))
#: Removed from every query's fragments (the coverage fallback).
ALWAYS_STRIPPED = re.compile(_STOP + "|的")
#: Removed from a question's fragments.
QUESTION_STRIPPED = re.compile(_STOP + f"|[{PARTICLES}]")

#: What may stand between two tokens of one segment in the text.
CONNECTOR = r"[\s〔〕]*(?:第\s*)?"
NOT_WORD_BEFORE = rf"(?<!{WORD_CLASS})"
NOT_WORD_AFTER = rf"(?!{WORD_CLASS})"

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def clean(text):
    """The query as it will be searched and shown: no control characters,
    whitespace collapsed, at most :data:`MAX_QUERY` characters."""
    if not isinstance(text, str):
        return ""
    text = _CONTROL.sub(" ", text)
    text = " ".join(text.split())
    return text[:MAX_QUERY].strip()


@dataclass
class Segment:
    """Tokens that must appear in this order: ``[(kind, token)]``."""

    tokens: list

    @property
    def terms(self):
        out = []
        for kind, token in self.tokens:
            if kind == "word":
                if len(token) <= MAX_WORD:
                    out.append(token)
            elif len(token) == 1:
                out.append(token)
            else:
                out.extend(bigrams(token))
        return list(dict.fromkeys(out))

    @property
    def needs_check(self):
        """True if matching all terms does not imply the phrase (three or more
        CJK characters, or several tokens): it is then verified in the text."""
        return len(self.terms) > 1

    @property
    def pattern(self):
        """Regular expression source matching the segment in folded text."""
        parts = [re.escape(token) for _kind, token in self.tokens]
        source = CONNECTOR.join(parts)
        if self.tokens[0][0] == "word":
            source = NOT_WORD_BEFORE + source
        if self.tokens[-1][0] == "word":
            source = source + NOT_WORD_AFTER
        return source

    @property
    def text(self):
        return "".join(token for _kind, token in self.tokens)

    @property
    def is_doc_number(self):
        """True for a 文号: …, a year, a number, then 号."""
        toks = self.tokens
        return any(
            toks[i][0] == "word"
            and len(toks[i][1]) == 4
            and toks[i][1].isdigit()
            and toks[i + 1][0] == "word"
            and toks[i + 1][1].isdigit()
            and toks[i + 2] == ("cjk", "号")
            for i in range(len(toks) - 2)
        )


@dataclass
class ParsedQuery:
    text: str
    segments: list = field(default_factory=list)
    fragments: list = field(default_factory=list)
    question: bool = False
    variants: list = field(default_factory=list)  # per segment (.expand.variants)
    units: list = field(default_factory=list)  # what coverage counts (.expand.units)

    def __bool__(self):
        return bool(self.segments)

    @property
    def exact_terms(self):
        return _distinct(t for s in self.segments for t in s.terms)[:MAX_TERMS]

    @property
    def coverage_terms(self):
        """The meaningful terms of the coverage units, synonyms included
        (single characters left out when longer fragments exist)."""
        return _distinct(t for u in self.units if not u.optional for t in u.terms)[:MAX_TERMS]

    def exact_regex(self):
        return _alternation(v.pattern for vs in self.segment_variants() for v in vs)

    def segment_variants(self):
        return self.variants or [[s] for s in self.segments]

    def coverage_regex(self):
        """Fragments, synonyms and bigrams, for highlighting a coverage match."""
        patterns = [f.pattern for f in self.fragments]
        for unit in self.units:
            patterns.extend(re.escape(t) for t in unit.texts[1:])
        for f in self.fragments:
            for kind, token in f.tokens:
                if kind == "cjk" and len(token) > 2:
                    patterns.extend(re.escape(b) for b in bigrams(token))
        return _alternation(patterns)


def _distinct(items):
    return list(dict.fromkeys(items))


def _alternation(patterns):
    patterns = sorted(set(patterns), key=len, reverse=True)
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _segments(folded):
    """Cut folded text into segments: tokens joined by nothing or brackets."""
    segments = []
    current = []
    last_end = None
    for m in TOKEN_RE.finditer(folded):
        kind = "cjk" if m.group("cjk") else "word"
        if current and last_end is not None:
            gap = folded[last_end : m.start()]
            stripped = gap.replace(" ", "")
            joined = gap == "" or (stripped and set(stripped) <= {"〔", "〕"})
            if not joined:
                segments.append(Segment(current))
                current = []
        current.append((kind, m.group(0)))
        last_end = m.end()
    if current:
        segments.append(Segment(current))
    return segments


def parse(text, synonyms=None):
    """A :class:`ParsedQuery` for the (raw) query ``text``; ``synonyms``: a
    :class:`~.synonyms.SynonymDictionary` (the site's: :func:`.synonyms.get_dictionary`)."""
    text = clean(text)
    folded = docnumbers.normalise(fold(text))
    segments = _segments(folded)
    question = bool(QUESTION_MARKERS.search(folded))
    stripped = QUESTION_STRIPPED if question else ALWAYS_STRIPPED
    fragments = expand.fragments(segments, stripped, synonyms, Segment)
    if not fragments:
        # Only stop words ("怎么办"): search them as they are.
        fragments = [Segment([tok]) for s in segments for tok in s.tokens]
    known = synonyms.alternatives if synonyms else (lambda _t: ())
    long = [f for f in fragments if len(f.text) > 1 or f.tokens[0][0] == "word" or known(f.text)]
    return ParsedQuery(
        text=text,
        segments=segments,
        fragments=fragments,
        question=question,
        variants=[expand.variants(s, synonyms, Segment) for s in segments],
        units=expand.units(long or fragments, synonyms),
    )


# -- highlighting ---------------------------------------------------------


def spans(text, regex):
    """Merged ``(start, end)`` spans where ``regex`` matches folded ``text``."""
    if regex is None or not text:
        return []
    found = []
    for m in regex.finditer(fold(text)):
        if m.end() > m.start():
            found.append([m.start(), m.end()])
    merged = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [tuple(s) for s in merged]


def highlight(text, regex, limit=None):
    """``text`` as escaped HTML with the matches of ``regex`` in ``<mark>``."""
    text = text or ""
    out = []
    pos = 0
    for start, end in spans(text, regex):
        out.append(html.escape(text[pos:start]))
        out.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def snippet(texts, regex, width=120, before=30):
    """An escaped HTML excerpt of the first of ``texts`` where ``regex``
    matches, around its longest match (the earliest of equals: the whole
    phrase rather than one of its words), with the matches marked; the
    beginning of the first non-empty text if nothing matches."""
    texts = [t.replace("\u2029", " ") for t in texts if t]
    if not texts:
        return ""
    for text in texts:
        found = spans(text, regex)
        if found:
            best = max(found, key=lambda s: (s[1] - s[0], -s[0]))
            start = max(0, best[0] - before)
            end = min(len(text), start + width)
            piece = highlight(text[start:end], regex)
            return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")
    text = texts[0]
    return html.escape(text[:width]) + ("…" if len(text) > width else "")
