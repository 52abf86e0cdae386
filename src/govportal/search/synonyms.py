"""Synonyms and abbreviations of the site search, kept as data.

Citizens type 社保卡 for 社会保障卡, 公积金 for 住房公积金, 户口 for 户籍 and
开饭店 for 餐饮服务经营.  The dictionary says so, one entry a line:

* ``社会保障卡, 社保卡`` — equivalent terms (any of them stands for all);
* ``开饭店 => 餐饮服务, 食品经营`` — one way: the left-hand terms also find
  the right-hand ones (开饭店 finds 餐饮服务; 餐饮服务 does not find 开饭店);
* ``#`` starts a comment; terms are separated by ``,`` ``，`` or ``、``.

The seed is ``etc/search-synonyms.txt`` (setting
``govportal.search.synonyms_file``).  The database copy (a
:class:`SynonymStore` on the portal root, edited in 管理 → 检索同义词,
:mod:`.views_synonyms`) wins once it exists; readers compile it once per
version and process (:func:`get_dictionary`).

The query (:mod:`.query`) uses :meth:`SynonymDictionary.find` to spot terms in
a segment (longest first) and :meth:`SynonymDictionary.alternatives` to know
what else each stands for: a segment then matches the term *or* any synonym.
"""

import re
from pathlib import Path

from persistent import Persistent

from ..settings import SOURCE_ROOT
from ..siteobjects import current_site_object
from .splitter import fold, is_cjk

SYNONYMS_FILE_SETTING = "govportal.search.synonyms_file"
DEFAULT_FILE = SOURCE_ROOT / "etc" / "search-synonyms.txt"
#: Attribute of the portal root holding the :class:`SynonymStore`.
STORE_ATTR = "govportal_search_synonyms"
CACHE_ATTR = "govportal_search_synonyms_cache"

MAX_CHARS = 100_000
MAX_LINES = 3_000
MAX_TERM = 20
#: At most this many alternatives are searched for one term.
MAX_ALTERNATIVES = 6

_SEPARATORS = re.compile(r"[,，、;；]")
_COMMENT = re.compile(r"(?:^|\s)#.*$")


class SynonymError(ValueError):
    """A dictionary text that cannot be used (message in Chinese)."""


def _terms(text, number):
    terms = []
    for raw in _SEPARATORS.split(text):
        term = fold(" ".join(raw.split())).replace(" ", "")
        if not term:
            continue
        if len(term) > MAX_TERM:
            raise SynonymError(f"第 {number} 行：“{raw.strip()}”过长（最多 {MAX_TERM} 个字）。")
        if not is_cjk(term) and not term.isalnum():
            raise SynonymError(f"第 {number} 行：“{raw.strip()}”只能由汉字、字母和数字组成。")
        terms.append(term)
    return terms


def parse_text(text):
    """``[(left terms, right terms, one_way)]`` of a dictionary text; raises
    :class:`SynonymError` for a text over the limits or a malformed line."""
    text = text or ""
    if len(text) > MAX_CHARS:
        raise SynonymError(f"同义词表过长（最多 {MAX_CHARS} 个字符）。")
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        raise SynonymError(f"同义词表过长（最多 {MAX_LINES} 行）。")
    entries = []
    for number, line in enumerate(lines, 1):
        line = _COMMENT.sub("", line).strip()
        if not line:
            continue
        if "=>" in line:
            left, _sep, right = line.partition("=>")
            if "=>" in right:
                raise SynonymError(f"第 {number} 行：一行只能有一个“=>”。")
            left, right = _terms(left, number), _terms(right, number)
            if not left or not right:
                raise SynonymError(f"第 {number} 行：“=>”两边都要写词语。")
            entries.append((left, right, True))
        else:
            terms = _terms(line, number)
            if len(terms) < 2:
                raise SynonymError(f"第 {number} 行：至少要写两个同义的词语，用逗号分隔。")
            entries.append((terms, terms, False))
    return entries


class SynonymDictionary:
    """The compiled dictionary: term → alternatives, and a finder."""

    def __init__(self, entries=()):
        table = {}
        for left, right, _one_way in entries:
            for term in left:
                alts = table.setdefault(term, [])
                for alt in right:
                    if alt != term and alt not in alts:
                        alts.append(alt)
        self.table = {term: tuple(alts[:MAX_ALTERNATIVES]) for term, alts in table.items() if alts}
        keys = sorted(self.table, key=len, reverse=True)
        self._finder = re.compile("|".join(map(re.escape, keys))) if keys else None

    @classmethod
    def from_text(cls, text):
        return cls(parse_text(text))

    def __len__(self):
        return len(self.table)

    def __bool__(self):
        return bool(self.table)

    def alternatives(self, term):
        """The other terms ``term`` stands for (a tuple, maybe empty)."""
        return self.table.get(term, ())

    def find(self, text):
        """``[(start, end, term)]``: dictionary terms in (folded) ``text``,
        leftmost and longest first, not overlapping."""
        if self._finder is None:
            return []
        return [(m.start(), m.end(), m.group()) for m in self._finder.finditer(text)]


class SynonymStore(Persistent):
    """The dictionary text as the database keeps it (on the portal root);
    :attr:`version` grows on every save and keys the readers' cache."""

    version = 0
    changed_at = None
    changed_by = None

    def __init__(self, text=""):
        self.text = ""
        self.set(text)

    def set(self, text, changed_by=None, changed_at=None):
        self.text = text
        self.version += 1
        self.changed_by = changed_by
        self.changed_at = changed_at


def seed_file(registry=None):
    settings = getattr(registry, "settings", None) or {}
    return Path(settings.get(SYNONYMS_FILE_SETTING) or DEFAULT_FILE)


def seed_text(registry=None):
    """The seed file's text ('' when it cannot be read)."""
    try:
        return seed_file(registry).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def seed_dictionary(registry=None):
    """The seed file's dictionary (what a new site searches with)."""
    return SynonymDictionary.from_text(seed_text(registry))


def synonym_store(context=None):
    """The :class:`SynonymStore` of the portal (None until first saved)."""
    return current_site_object(STORE_ATTR, context)


def save_synonyms(root, text, changed_by=None, changed_at=None):
    """Check and store ``text`` on ``root``; raises :class:`SynonymError`
    (nothing stored) for a text that cannot be used."""
    text = "\n".join(line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n"))
    text = text.strip("\n") + "\n" if text.strip() else ""
    parse_text(text)
    store = getattr(root, STORE_ATTR, None)
    if store is None:
        store = SynonymStore(text)
        store.changed_by, store.changed_at = changed_by, changed_at
        setattr(root, STORE_ATTR, store)
    else:
        store.set(text, changed_by, changed_at)
    return store


def get_dictionary(registry, context=None):
    """The dictionary in use: the database's (compiled once per version and
    process) or, while the database holds none, the seed file's (re-read when
    the file changes)."""
    store = synonym_store(context)
    if store is not None:
        key = ("db", getattr(store, "_p_oid", None) or id(store), store.version)
        text = None
    else:
        path = seed_file(registry)
        try:
            stat = path.stat()
            key = ("file", str(path), stat.st_mtime_ns, stat.st_size)
        except OSError:
            key = ("file", str(path), None, None)
        text = ""
    cached = getattr(registry, CACHE_ATTR, None)
    if cached is not None and cached[0] == key:
        return cached[1]
    if store is not None:
        text = store.text
    elif key[2] is not None:
        text = seed_text(registry)
    try:
        dictionary = SynonymDictionary.from_text(text)
    except SynonymError:
        dictionary = SynonymDictionary()
    setattr(registry, CACHE_ATTR, (key, dictionary))
    return dictionary


def understand(request, text, context=None):
    """``text`` parsed as the site search parses it — with the site's
    dictionary (:class:`~.query.ParsedQuery`); 智能问答 uses the same."""
    from .query import parse

    return parse(text, synonyms=get_dictionary(request.registry, context))
