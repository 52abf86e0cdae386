"""Word lists that administrators edit (checklist G2), and scanning text with them.

The directory named by ``govportal.checks.words_dir`` holds plain UTF-8
files; a ``#`` at the start of a line or after a space starts a comment:

``blocked.txt``
    words that stop approval (e.g. classification markings), one a line;
``warning.txt``
    words shown to the reviewer, optionally ``词语 => 建议``;
``typos.txt``
    common typos, ``错词 => 正确写法`` (shown as warnings with the correction);
``leaders.txt``
    leaders' names and titles, ``姓名 => 职务、职务``: a title written
    right before or after the name that is not one of the person's is shown.

Any line may end with ``| 例外 例外 …``: longer phrases that contain the
word and are correct (``按排 => 安排 | 按排名 按排序``).  Latin letters match
regardless of case.  A malformed line is skipped and reported in
:attr:`WordLists.errors`.

The lists in use live in the database: a :class:`WordsStore` on the portal
root (:data:`STORE_ATTR`) holds the four texts, edited at ``/@@admin-words``
(:mod:`govportal.admin.words`), so every process behind one site sees the
same lists.  The directory only *seeds* the store (``govportal-init``,
:func:`seed_words`); until a database holds lists, readers use the files
(read only, re-read when they change).  Readers are fast: the compiled lists
are cached per process, keyed by the store's version counter.
"""

import logging
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from persistent import Persistent

from ..i18n import _
from ..settings import DEFAULTS
from ..siteobjects import current_site_object
from .findings import BLOCKED_WORD, LEADER_TITLE, TYPO, WARNING_WORD, Finding, context_of, render

log = logging.getLogger(__name__)

WORDS_DIR_SETTING = "govportal.checks.words_dir"
BLOCKED_FILE = "blocked.txt"
WARNING_FILE = "warning.txt"
TYPOS_FILE = "typos.txt"
LEADERS_FILE = "leaders.txt"
FILES = (BLOCKED_FILE, WARNING_FILE, TYPOS_FILE, LEADERS_FILE)
#: Lists whose lines need ``词语 => 建议``.
NEED_SUGGESTION = (TYPOS_FILE, LEADERS_FILE)

#: The attribute of the portal root holding the :class:`WordsStore`.
STORE_ATTR = "govportal_words_store"
#: The registry attribute caching ``(store key, WordLists)``.
CACHE_ATTR = "govportal_words_cache"
#: Limits of one list as stored: characters, lines, characters per line.
MAX_LIST_CHARS = 200_000
MAX_LINES = 5_000
MAX_LINE_CHARS = 500

_COMMENT = re.compile(r"(?:^|\s)#.*$")
_TITLE_SEPARATORS = re.compile(r"[、,，;；/]+")

#: Titles recognised next to a leader's name besides those in leaders.txt,
#: so that "副县长张三" is read as 副县长 and not as 县长.
COMMON_TITLES = (
    "书记 副书记 县委书记 县委副书记 县委常委 县长 副县长 常务副县长 代县长 "
    "县人大常委会主任 县人大常委会副主任 县政协主席 县政协副主席 主任 副主任 "
    "主席 副主席 局长 副局长 部长 副部长 镇长 副镇长 乡长 副乡长 "
    "市长 副市长 市委书记 市委副书记 省长 副省长 省委书记 省委副书记 "
    "秘书长 副秘书长 调研员 院长 副院长 检察长 副检察长"
).split()


@dataclass(frozen=True)
class Entry:
    """One line of a word list."""

    word: str
    suggestion: str = ""
    exceptions: tuple = ()


def parse_line(line):
    """``(word, suggestion, exceptions)`` of one line, or None for a blank line."""
    line = _COMMENT.sub("", line).strip()
    if not line:
        return None
    exceptions = ()
    if "|" in line:
        line, rest = line.split("|", 1)
        exceptions = tuple(rest.split())
        line = line.strip()
    suggestion = ""
    if "=>" in line:
        line, suggestion = (part.strip() for part in line.split("=>", 1))
    return line, suggestion, exceptions


def parse_text(text, source, need_suggestion=False):
    """``(entries, errors)`` of the text of one word list (``source`` names it
    in error messages)."""
    entries, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        parsed = parse_line(line)
        if parsed is None:
            continue
        word, suggestion, exceptions = parsed
        if not word or (need_suggestion and not suggestion):
            errors.append(f"{source}:{number}: 格式应为“词语 => 建议”：{line.strip()}")
            continue
        entries.append(Entry(word, suggestion, exceptions))
    return entries, errors


def read_file(path):
    """The text of one word-list file ("" if absent); raises OSError/UnicodeDecodeError."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return ""


def parse_file(path, need_suggestion=False):
    """``(entries, errors)`` of one word-list file."""
    try:
        text = read_file(path)
    except (OSError, UnicodeDecodeError) as e:
        return [], [f"{path}: {e}"]
    return parse_text(text, str(path), need_suggestion)


class WordList:
    """The entries of one file, with a regular expression matching them all."""

    def __init__(self, entries=()):
        self.entries = {}
        for entry in entries:
            self.entries.setdefault(entry.word.lower(), entry)
        words = sorted(self.entries, key=len, reverse=True)
        self.pattern = (
            re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
        )

    def __len__(self):
        return len(self.entries)

    def __contains__(self, word):
        return word.lower() in self.entries

    def matches(self, text):
        """``(entry, start, end)`` for every occurrence not excused by an exception."""
        if self.pattern is None or not text:
            return
        folded = text.lower()
        for m in self.pattern.finditer(text):
            entry = self.entries[m.group().lower()]
            if not _excused(folded, m.start(), entry):
                yield entry, m.start(), m.end()


def _excused(folded, start, entry):
    word = entry.word.lower()
    for phrase in entry.exceptions:
        phrase = phrase.lower()
        at = phrase.find(word)
        while at >= 0:
            begin = start - at
            if begin >= 0 and folded.startswith(phrase, begin):
                return True
            at = phrase.find(word, at + 1)
    return False


class Leaders:
    """Leaders' names with their correct titles (``leaders.txt``)."""

    def __init__(self, entries=()):
        self.titles = {}
        for entry in entries:
            titles = tuple(t for t in _TITLE_SEPARATORS.split(entry.suggestion) if t.strip())
            self.titles[entry.word] = tuple(t.strip() for t in titles)
        vocabulary = set(COMMON_TITLES)
        for titles in self.titles.values():
            vocabulary.update(titles)
        self.vocabulary = sorted(vocabulary, key=len, reverse=True)
        names = sorted(self.titles, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(n) for n in names)) if names else None

    def __len__(self):
        return len(self.titles)

    @staticmethod
    def title_fits(written, correct):
        """A title as written fits a correct one if equal or a short form of
        it (县委书记 → 书记), never dropping a 副 (副县长 is not 县长)."""
        if written == correct:
            return True
        return correct.endswith(written) and not correct[: -len(written)].endswith("副")

    def mismatches(self, text):
        """``(name, written_title, start, end)`` of titles that do not fit."""
        if self.pattern is None or not text:
            return
        for m in self.pattern.finditer(text):
            name = m.group()
            before = next((t for t in self.vocabulary if text.endswith(t, 0, m.start())), None)
            after = next((t for t in self.vocabulary if text.startswith(t, m.end())), None)
            for written, start, end in (
                (before, m.start() - len(before or ""), m.end()),
                (after, m.start(), m.end() + len(after or "")),
            ):
                if written and not any(self.title_fits(written, c) for c in self.titles[name]):
                    yield name, written, start, end


class WordLists:
    """The four word lists: from a directory (re-read when a file changes)
    or, with :meth:`from_texts`, from texts (the database's)."""

    def __init__(self, directory=None):
        self.directory = Path(directory) if directory is not None else None
        self._lock = threading.Lock()
        self._stamps = None
        self.blocked = WordList()
        self.warning = WordList()
        self.typos = WordList()
        self.leaders = Leaders()
        self.errors = []

    @classmethod
    def from_texts(cls, texts):
        """Lists built once from ``texts`` (file name -> text)."""
        lists = cls()
        parsed = {}
        errors = []
        for name in FILES:
            entries, list_errors = parse_text(texts.get(name, ""), name, name in NEED_SUGGESTION)
            parsed[name] = entries
            errors.extend(list_errors)
        lists._set(parsed, errors)
        return lists

    def _stamp(self):
        stamps = []
        for name in FILES:
            try:
                st = os.stat(self.directory / name)
                stamps.append((st.st_mtime_ns, st.st_size))
            except OSError:
                stamps.append(None)
        return tuple(stamps)

    def current(self):
        """Reload any file that changed since the last call; return ``self``."""
        if self.directory is None:
            return self
        stamps = self._stamp()
        if stamps != self._stamps:
            with self._lock:
                if stamps != self._stamps:
                    self._load()
                    self._stamps = stamps
        return self

    def _load(self):
        errors = []
        lists = {}
        for name in FILES:
            entries, file_errors = parse_file(
                self.directory / name, need_suggestion=name in NEED_SUGGESTION
            )
            lists[name] = entries
            errors.extend(file_errors)
        for error in errors:
            log.warning("word list: %s", error)
        self._set(lists, errors)
        log.info(
            "word lists loaded from %s: %d blocked, %d warning, %d typos, %d leaders",
            self.directory,
            len(self.blocked),
            len(self.warning),
            len(self.typos),
            len(self.leaders),
        )

    def _set(self, lists, errors):
        self.blocked = WordList(lists[BLOCKED_FILE])
        self.warning = WordList(lists[WARNING_FILE])
        self.typos = WordList(lists[TYPOS_FILE])
        self.leaders = Leaders(lists[LEADERS_FILE])
        self.errors = errors

    def scan(self, text, where, where_title="", request=None, context=context_of):
        """Findings of every list in ``text`` (the text of ``where``); their
        messages are rendered for ``request`` (see :func:`.findings.render`)."""
        self.current()
        findings = []
        for kind, wordlist in (
            (BLOCKED_WORD, self.blocked),
            (WARNING_WORD, self.warning),
            (TYPO, self.typos),
        ):
            for entry, start, end in wordlist.matches(text):
                findings.append(
                    Finding(
                        kind=kind,
                        text=text[start:end],
                        start=start,
                        end=end,
                        where=where,
                        where_title=where_title,
                        suggestion=entry.suggestion,
                        context=context(text, start, end),
                        message=render(_message(kind, text[start:end], entry.suggestion), request),
                    )
                )
        for name, written, start, end in self.leaders.mismatches(text):
            correct = "、".join(self.leaders.titles[name])
            findings.append(
                Finding(
                    kind=LEADER_TITLE,
                    text=text[start:end],
                    start=start,
                    end=end,
                    where=where,
                    where_title=where_title,
                    suggestion=correct,
                    context=context(text, start, end),
                    message=render(
                        _(
                            "checks-leader-title",
                            default="“${written}”与${name}的职务不符，应为：${correct}",
                            mapping={"written": written, "name": name, "correct": correct},
                        ),
                        request,
                    ),
                )
            )
        return findings


def _message(kind, word, suggestion):
    if kind == BLOCKED_WORD:
        return _(
            "checks-blocked-word",
            default="“${word}”是禁止发布的词语，须删除后才能发布。",
            mapping={"word": word},
        )
    if suggestion:
        return _(
            "checks-suggestion",
            default="“${word}”建议改为“${suggestion}”。",
            mapping={"word": word, "suggestion": suggestion},
        )
    return _("checks-warning-word", default="“${word}”请审核员留意。", mapping={"word": word})


class WordsError(ValueError):
    """Word lists that cannot be stored; the message is Chinese."""


def check_texts(texts):
    """Refuse (:class:`WordsError`) texts over the limits or with malformed
    lines; returns the texts with line ends normalised."""
    clean = {}
    for name in FILES:
        text = (texts.get(name) or "").replace("\r\n", "\n").replace("\r", "\n")
        label = LIST_TITLES[name]
        if len(text) > MAX_LIST_CHARS:
            raise WordsError(f"{label}过长：最多 {MAX_LIST_CHARS} 个字符。")
        lines = text.split("\n")
        if len(lines) > MAX_LINES:
            raise WordsError(f"{label}过长：最多 {MAX_LINES} 行。")
        if any(len(line) > MAX_LINE_CHARS for line in lines):
            raise WordsError(f"{label}中有一行超过 {MAX_LINE_CHARS} 个字符。")
        if "\x00" in text:
            raise WordsError(f"{label}含有无效字符。")
        for number, line in enumerate(lines, start=1):
            parsed = parse_line(line)
            if parsed and (not parsed[0] or (name in NEED_SUGGESTION and not parsed[1])):
                raise WordsError(f"{label}第{number}行格式应为“词语 => 建议”：{line.strip()[:40]}")
        clean[name] = text
    return clean


#: file name -> the list's Chinese title
LIST_TITLES = {
    BLOCKED_FILE: "禁止发布词",
    WARNING_FILE: "提示词",
    TYPOS_FILE: "常见错别字",
    LEADERS_FILE: "领导姓名与职务",
}


class WordsStore(Persistent):
    """The four lists as the database keeps them (on the portal root).

    :attr:`texts` is replaced, never changed in place; :attr:`version` grows
    by one on every save and keys the readers' cache.
    """

    version = 0
    changed_at = None
    changed_by = None

    def __init__(self, texts):
        self.texts = {}
        self.set(texts)

    def set(self, texts, changed_by=None, changed_at=None):
        self.texts = {name: texts.get(name, "") for name in FILES}
        self.version += 1
        self.changed_by = changed_by
        self.changed_at = changed_at


def seed_texts(registry):
    """The texts of the seed directory (``govportal.checks.words_dir``)."""
    directory = Path(_words_dir(registry))
    texts = {}
    for name in FILES:
        try:
            texts[name] = read_file(directory / name)
        except (OSError, UnicodeDecodeError):
            texts[name] = ""
    return texts


def _words_dir(registry):
    settings = getattr(registry, "settings", None) or {}
    return settings.get(WORDS_DIR_SETTING) or DEFAULTS[WORDS_DIR_SETTING]


def words_store(context=None):
    """The :class:`WordsStore` of ``context``'s site (or of the current
    request's root), or None when the database holds none yet."""
    return current_site_object(STORE_ATTR, context)


def seed_words(root, registry):
    """Copy the seed directory into ``root`` unless the database already
    holds lists (govportal-init); returns the store."""
    store = getattr(root, STORE_ATTR, None)
    if store is None:
        store = WordsStore(seed_texts(registry))
        setattr(root, STORE_ATTR, store)
    return store


def save_words(root, texts, changed_by=None, changed_at=None):
    """Check and store ``texts`` (file name -> text) in ``root``; raises
    :class:`WordsError` (nothing stored) for texts that cannot be used."""
    texts = check_texts(texts)
    store = getattr(root, STORE_ATTR, None)
    if store is None:
        store = WordsStore(texts)
        store.changed_by, store.changed_at = changed_by, changed_at
        setattr(root, STORE_ATTR, store)
    else:
        store.set(texts, changed_by, changed_at)
    return store


def get_word_lists(registry, context=None):
    """The :class:`WordLists` in use: the database's (compiled once per
    version and process) or, while the database holds none, those of the
    seed directory (``govportal.checks.words_dir``, re-read when it changes)."""
    store = words_store(context)
    if store is not None:
        key = (getattr(store, "_p_oid", None) or id(store), store.version)
        cached = getattr(registry, CACHE_ATTR, None)
        if cached is not None and cached[0] == key:
            return cached[1]
        lists = WordLists.from_texts(store.texts)
        setattr(registry, CACHE_ATTR, (key, lists))
        return lists
    lists = getattr(registry, "govportal_word_lists", None)
    if lists is None:
        lists = WordLists(_words_dir(registry))
        registry.govportal_word_lists = lists
    return lists.current()
