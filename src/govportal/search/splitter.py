"""The CJK-aware splitter of the site-wide search index.

**Stable dotted path: ``govportal.search.splitter.CJKSplitter``.**  The search
index (:class:`govportal.search.index.SearchIndex`) keeps an instance of this
class in the database, and pickles refer to classes by module and name (as
hypatia's lexicons do with their splitters): never move or rename this module
or the class.  Change what it produces only together with :data:`VERSION`; the
indexer rebuilds an index made by another version.

What it does, on text first passed through :func:`fold` (fullwidth letters and
digits to ASCII, lowercase, every kind of bracket to 〔 〕):

* a run of CJK characters gives its **character bigrams** (营商环境 → 营商, 商环,
  环境) and its **single characters** (营, 商, 环, 境), so that compounds match
  as overlapping bigrams and a one-character query finds something;
* a run of other letters and digits is one **word**, kept whole (``2019``,
  ``gb``);
* everything else — whitespace, ASCII and CJK punctuation such as 、，。《》“”
  〔〕[]() — separates tokens and is never indexed.

The splitter also answers hypatia's ``ISplitter`` interface (:meth:`process`,
:meth:`processGlob`), so it can serve a hypatia ``Lexicon`` as well.
"""

import re

#: Bump when :meth:`CJKSplitter.terms` would give other terms for the same text.
VERSION = 1

#: Han (basic, extension A, compatibility, extensions B+), 〇, kana and hangul.
CJK_CLASS = (
    "\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
CJK_RE = re.compile(f"[{CJK_CLASS}]")
#: A letter or digit that is not CJK (``\w`` less ``_`` less CJK).
WORD_CLASS = rf"[^\W_{CJK_CLASS}]"
TOKEN_RE = re.compile(rf"(?P<cjk>[{CJK_CLASS}]+)|(?P<word>{WORD_CLASS}+)")

#: Words longer than this (hashes, base64, URLs run together) are not indexed.
MAX_WORD = 40

OPEN_BRACKETS = "([{（［｛【〔〖〘〚﹝⦅"
CLOSE_BRACKETS = ")]}）］｝】〕〗〙〛﹞⦆"


def _fold_table():
    table = {}
    for code in range(0xFF10, 0xFF1A):  # fullwidth digits
        table[code] = chr(code - 0xFEE0)
    for code in range(0xFF21, 0xFF3B):  # fullwidth capitals
        table[code] = chr(code - 0xFEE0 + 32)
    for code in range(0xFF41, 0xFF5B):  # fullwidth small letters
        table[code] = chr(code - 0xFEE0)
    for code in range(0x41, 0x5B):  # ASCII capitals
        table[code] = chr(code + 32)
    for ch in OPEN_BRACKETS:
        table[ord(ch)] = "〔"
    for ch in CLOSE_BRACKETS:
        table[ord(ch)] = "〕"
    table[0x3000] = " "  # ideographic space
    table[0x00A0] = " "
    return table


FOLD_TABLE = _fold_table()


_WIDE_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000\u00a0]")
_OPEN_RE = re.compile(f"[{re.escape(OPEN_BRACKETS)}]")
_CLOSE_RE = re.compile(f"[{re.escape(CLOSE_BRACKETS)}]")


def _wide(match):
    return FOLD_TABLE[ord(match.group())]


def fold(text):
    """``text`` normalised for matching, **character for character** (same
    length, so positions found in the folded text are positions in ``text``):
    fullwidth letters and digits become ASCII, letters lowercase, and every
    bracket form — ``[] () （） 【】 ［］ 〔〕`` — becomes ``〔〕`` (the form of a
    文号 such as 营府发〔2019〕12号)."""
    # Regular expressions rather than str.translate: translate looks every
    # character up in a dict, ten times slower on Chinese text.
    text = _WIDE_RE.sub(_wide, text)
    text = _CLOSE_RE.sub("〕", _OPEN_RE.sub("〔", text))
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters lowercase to two (İ → i̇): keep those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def is_cjk(text):
    """True if ``text`` is one or more CJK characters only."""
    return bool(text) and all(CJK_RE.match(c) for c in text)


def bigrams(run):
    """The character bigrams of a CJK run (none for a single character)."""
    return [run[i : i + 2] for i in range(len(run) - 1)]


class CJKSplitter:
    """Split text into index terms: CJK bigrams and unigrams, whole words.

    Persistent indexes pickle instances of this class by reference: its dotted
    path ``govportal.search.splitter.CJKSplitter`` must stay stable.
    """

    version = VERSION

    def tokens(self, text):
        """``[(kind, token, start, end)]`` for the folded ``text``; ``kind`` is
        ``'cjk'`` for a run of CJK characters, ``'word'`` for letters/digits."""
        out = []
        for m in TOKEN_RE.finditer(fold(text)):
            kind = "cjk" if m.group("cjk") else "word"
            out.append((kind, m.group(0), m.start(), m.end()))
        return out

    def terms(self, text):
        """Every index term of ``text``, with repetitions (for term counts)."""
        out = []
        for kind, token, _start, _end in self.tokens(text):
            if kind == "cjk":
                out.extend(token)
                out.extend(bigrams(token))
            elif len(token) <= MAX_WORD:
                out.append(token)
        return out

    # -- hypatia ISplitter -------------------------------------------------
    def process(self, lst):
        result = []
        for text in lst:
            result.extend(self.terms(text))
        return result

    def processGlob(self, lst):  # noqa: N802 - hypatia's interface name
        # No wildcard syntax: a glob pattern is split like any text.
        return self.process(lst)

    def __eq__(self, other):
        return type(other) is type(self)

    def __hash__(self):
        return hash(type(self))
